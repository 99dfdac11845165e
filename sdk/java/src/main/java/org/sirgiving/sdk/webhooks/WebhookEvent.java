package org.sirgiving.sdk.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;

/**
 * The envelope of every delivery (docs/partner-api.md section 6): {@code id} ({@code evt_…}; deliveries are
 * at-least-once, so dedupe on it), {@code type} (e.g. {@code action.completed}), {@code createdAt} and {@code data}.
 */
public record WebhookEvent(String id, String type, Instant createdAt, JsonNode data) {
    public static final String ACTION_COMPLETED = "action.completed";
    public static final String ACTION_FAILED = "action.failed";
    public static final String ACTION_REVERSED = "action.reversed";
    public static final String TRANSACTION_COMPLETED = "transaction.completed";
    public static final String TOKEN_POOL_LOW_BALANCE = "token_pool.low_balance";
    public static final String TOKEN_POOL_DEPLETED = "token_pool.depleted";
    public static final String CAMPAIGN_STARTED = "campaign.started";
    public static final String CAMPAIGN_ENDED = "campaign.ended";
    public static final String API_KEY_EXPIRING = "apiKey.expiring";
    public static final String DONATION_COMPLETED = "donation.completed";
    public static final String DONATION_FAILED = "donation.failed";

    /** {@code data} read as a model of the caller's choice (e.g. the SDK's action model for action events). */
    public <T> T dataAs(Class<T> type) {
        try {
            return WebhookVerifier.JSON.treeToValue(data, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The event's data is not a " + type.getSimpleName(), e);
        }
    }

    static WebhookEvent parse(byte[] body, ObjectMapper json) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw new WebhookVerificationException("The signed body is not JSON", e);
        }
        if (root == null
                || !root.isObject()
                || !root.path("id").isTextual()
                || !root.path("type").isTextual()) {
            throw new WebhookVerificationException(
                    "The signed body is not an event envelope {id, type, createdAt, data}");
        }
        String createdAt = root.path("createdAt").asText(null);
        return new WebhookEvent(
                root.path("id").asText(),
                root.path("type").asText(),
                createdAt == null ? null : Instant.parse(createdAt),
                root.path("data"));
    }
}
