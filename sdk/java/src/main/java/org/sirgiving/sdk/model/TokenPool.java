package org.sirgiving.sdk.model;

import java.time.Instant;

/** The partner's token pool of one environment; {@code balance} is what it can still pay. */
public record TokenPool(
        String id,
        String partnerId,
        String environment,
        String status,
        long balance,
        long totalAllocated,
        long totalDistributed,
        Long lowBalanceThreshold,
        AutoRefill autoRefill,
        int vestingDays,
        Integer tokenExpiryDays,
        Instant createdAt,
        Instant updatedAt) {

    public record AutoRefill(boolean enabled, Long threshold, Long amount) {}
}
