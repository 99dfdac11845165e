package org.sirgiving.sdk.model;

import java.time.Instant;
import java.util.List;

/**
 * A donation as {@code GET /v1/partner/donations/status/{partnerDonationId}} answers it: its status, each charge (a
 * monthly donation has one a month) and each charge's reward. Amounts are minor units (cents), {@code amount} without
 * the tip. {@code reward} is the first completed charge's, null until one completed.
 */
public record Donation(
        String partnerDonationId,
        DonationStatus status,
        String nonprofitSlug,
        long amount,
        String currency,
        DonationFrequency frequency,
        long tipAmount,
        DonationProvider provider,
        String environment,
        Instant createdAt,
        Instant updatedAt,
        List<Charge> charges,
        Reward reward) {

    /** One charge; {@code status} COMPLETED or FAILED; {@code reward} null for a failed one. */
    public record Charge(
            int chargeNumber, String status, long amount, String providerChargeId, Instant chargedAt, Reward reward) {}

    /**
     * The reward of a charge: its {@code DONATION} action (made by SIR Giving, so not in {@code listActions}; also in
     * the {@code action.completed} webhook) and what it distributed. {@code failureCode} only when FAILED.
     */
    public record Reward(
            String actionId,
            RewardStatus status,
            long tokensDistributed,
            List<String> transactionIds,
            String failureCode) {}
}
