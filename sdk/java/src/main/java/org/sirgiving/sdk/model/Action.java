package org.sirgiving.sdk.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An action as the API answers it: the submit result (200 {@code COMPLETED}, 202 {@code PENDING}, or the original of a
 * replay), {@code getAction} and the list. {@code failureCode} is set when {@code FAILED}; {@code metadata} is echoed as
 * sent (docs/partner-api.md section 4).
 */
public record Action(
        String actionId,
        String idempotencyKey,
        ActionStatus status,
        long tokensDistributed,
        List<String> transactionIds,
        ActionType actionType,
        BigDecimal amount,
        String currency,
        String environment,
        String failureCode,
        String failureMessage,
        Instant reversalRequestedAt,
        String reversalReason,
        Instant createdAt,
        Instant updatedAt,
        Map<String, Object> metadata) {}
