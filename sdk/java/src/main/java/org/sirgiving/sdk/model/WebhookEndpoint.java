package org.sirgiving.sdk.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A webhook endpoint as listed: never its secret. */
public record WebhookEndpoint(
        String id,
        String url,
        String description,
        List<String> eventTypes,
        boolean receiveAllEvents,
        Map<String, String> headers,
        @JsonProperty("isActive") boolean isActive,
        boolean secretRevealed,
        String disabledReason,
        Instant disabledAt,
        Instant createdAt,
        Instant updatedAt) {}
