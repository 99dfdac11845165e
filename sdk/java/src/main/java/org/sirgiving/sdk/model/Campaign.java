package org.sirgiving.sdk.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A reward campaign (docs/partner-api.md section 5); {@code status} DRAFT, ACTIVE, PAUSED or ENDED. */
public record Campaign(
        String id,
        String name,
        String status,
        List<ActionType> actionTypes,
        BigDecimal multiplier,
        List<Split> splits,
        List<Tier> tiers,
        Instant startsAt,
        Instant endsAt,
        Long budget,
        long tokensSpent,
        Long remainingBudget,
        int priority,
        String environment,
        Instant createdAt,
        Instant updatedAt) {

    /** The share of a reward one stakeholder type gets; the percents add up to 100. */
    public record Split(String stakeholderTypeCode, BigDecimal percent) {}

    /** From {@code minAmount} on, {@code multiplier} replaces the campaign's (the highest such tier applies). */
    public record Tier(BigDecimal minAmount, BigDecimal multiplier) {}
}
