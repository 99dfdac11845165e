package org.sirgiving.rewards.service;

/**
 * The arithmetic of a pool's balance, pure so that the property test drives exactly these rules. {@link PoolLedger}
 * applies them to the database; nothing else decides a debit, a refill or an alert.
 */
public final class PoolRules {

    /** A debit takes all of its tokens or nothing: the balance never goes below zero. */
    public static boolean canDebit(long balance, long tokens) {
        return tokens >= 0 && balance - tokens >= 0;
    }

    /** Tokens auto-refill adds when a debit left {@code after} under its threshold; 0 when it does not apply. */
    public static long refill(long after, boolean enabled, Long threshold, Long amount) {
        return enabled && threshold != null && amount != null && amount > 0 && after < threshold ? amount : 0;
    }

    /**
     * {@code token_pool.low_balance}: the balance went from at or above the threshold to below it, once per crossing
     * (a later credit that lifts it back re-arms the alert). {@code after} includes any auto-refill.
     */
    public static boolean crossedLowBalance(long before, long after, Long threshold) {
        return threshold != null && before >= threshold && after < threshold;
    }

    /** {@code token_pool.depleted}: this debit took the last tokens. */
    public static boolean depleted(long before, long after) {
        return before > 0 && after == 0;
    }

    private PoolRules() {}
}
