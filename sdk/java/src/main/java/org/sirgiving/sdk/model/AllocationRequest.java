package org.sirgiving.sdk.model;

import java.time.Instant;

/** A request for more tokens, decided by SIR Giving ({@code status} PENDING, then APPROVED or REJECTED). */
public record AllocationRequest(
        String id,
        String partnerId,
        String environment,
        long amount,
        String reason,
        String status,
        String decidedBy,
        Instant decidedAt,
        String decisionNote,
        Instant createdAt) {}
