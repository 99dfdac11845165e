package org.sirgiving.rewards.domain;

/**
 * What this service decided for a partner within a time window: actions rewarded ({@code completed}, or
 * {@code reversed} since) and refused ({@code failed}, not rewarded since), net tokens distributed (rewards minus
 * reversals booked), users rewarded, and the pool's balance now (null without a pool).
 */
public record PartnerActivity(
        long completed, long reversed, long failed, long tokensDistributed, long activeUsers, Long poolBalance) {}
