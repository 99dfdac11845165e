package org.sirgiving.sdk.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The answer of create, rotate-secret and reveal-secret: the only places the {@code whsec_…} signing secret appears.
 * Keep it for {@link org.sirgiving.sdk.webhooks.WebhookVerifier}. After a rotation, {@code previousSecretExpiresAt} says
 * until when the replaced secret keeps signing beside the new one (verify with both meanwhile); null otherwise.
 */
public record IssuedWebhookEndpoint(
        String id,
        String url,
        String description,
        List<String> eventTypes,
        boolean receiveAllEvents,
        Map<String, String> headers,
        String secret,
        @JsonProperty("isActive") boolean isActive,
        Instant createdAt,
        Instant updatedAt,
        Instant previousSecretExpiresAt) {

    @Override
    public String toString() {
        // the secret is a credential: never printed
        return "IssuedWebhookEndpoint[id=" + id + ", url=" + url + "]";
    }
}
