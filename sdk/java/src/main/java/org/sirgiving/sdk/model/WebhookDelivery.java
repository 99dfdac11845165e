package org.sirgiving.sdk.model;

import java.time.Instant;
import java.util.List;

/** One event's delivery to one endpoint: {@code status} PENDING, SENDING, SUCCEEDED, FAILED or EXHAUSTED. */
public record WebhookDelivery(
        String id,
        String endpointId,
        String eventId,
        String eventType,
        String status,
        int attemptCount,
        Instant nextAttemptAt,
        String lastError,
        Instant deliveredAt,
        Instant createdAt,
        Instant updatedAt,
        List<Attempt> attempts) {

    public record Attempt(
            int attempt, Integer statusCode, long latencyMs, String responseExcerpt, String error, Instant at) {}
}
