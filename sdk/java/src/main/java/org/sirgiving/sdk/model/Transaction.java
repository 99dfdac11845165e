package org.sirgiving.sdk.model;

import java.time.Instant;

/** One credit or debit of a user: {@code type} REWARD, REVERSAL or EXPIRY; {@code status} COMPLETED or REVERSED. */
public record Transaction(
        String id,
        String type,
        String status,
        long tokens,
        String actionId,
        String stakeholderTypeCode,
        String relatedTransactionId,
        Instant vestsAt,
        Instant expiresAt,
        Instant createdAt) {}
