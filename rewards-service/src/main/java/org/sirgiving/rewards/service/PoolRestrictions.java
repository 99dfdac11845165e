package org.sirgiving.rewards.service;

import org.sirgiving.rewards.domain.TokenPool;

/**
 * A change of a pool's restrictions: null fields stay as they are. {@code lowBalanceThreshold} 0 turns the alert
 * off; {@code tokenExpiryDays} 0 means tokens never expire.
 */
public record PoolRestrictions(
        Long lowBalanceThreshold,
        AutoRefill autoRefill,
        Integer vestingDays,
        Integer tokenExpiryDays,
        TokenPool.Status status) {

    /** Auto-refill on or off; threshold and amount are required when it is turned on (null: unchanged). */
    public record AutoRefill(boolean enabled, Long threshold, Long amount) {}
}
