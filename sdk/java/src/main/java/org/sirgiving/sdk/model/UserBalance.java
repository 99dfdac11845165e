package org.sirgiving.sdk.model;

/** Whole tokens: {@code pending} is still vesting. */
public record UserBalance(
        String userId, String externalId, long available, long pending, long lifetimeEarned, long expired) {}
