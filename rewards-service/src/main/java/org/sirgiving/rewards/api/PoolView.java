package org.sirgiving.rewards.api;

import java.time.Instant;
import org.sirgiving.rewards.domain.TokenPool;

/** A token pool as partners see it (docs/partner-api.md section 5). */
public record PoolView(
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

    public static PoolView of(TokenPool p) {
        return new PoolView(
                p.id,
                p.partnerId,
                p.environment,
                p.status.name(),
                p.balance,
                p.totalAllocated,
                p.totalDistributed,
                p.lowBalanceThreshold,
                new AutoRefill(p.autoRefillEnabled, p.autoRefillThreshold, p.autoRefillAmount),
                p.vestingDays,
                p.tokenExpiryDays,
                p.createdAt,
                p.updatedAt);
    }
}
