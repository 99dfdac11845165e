package org.sirgiving.sdk.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /v1/partner/webhooks} ({@code url} required; https, or http on loopback in sandbox) and of
 * {@code PATCH /v1/partner/webhooks/{id}} (null fields stay as they are). {@code isActive} is for updates only.
 */
public record WebhookEndpointRequest(
        String url,
        String description,
        List<String> eventTypes,
        Boolean receiveAllEvents,
        Map<String, String> headers,
        @JsonProperty("isActive") Boolean isActive) {

    /** An endpoint for the given event types. */
    public static WebhookEndpointRequest of(String url, List<String> eventTypes) {
        return new WebhookEndpointRequest(url, null, eventTypes, null, null, null);
    }
}
