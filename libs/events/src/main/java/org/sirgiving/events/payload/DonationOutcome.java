package org.sirgiving.events.payload;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * data of {@code donation.completed} and {@code donation.failed} on {@code sir.reward-lifecycle.v1} (donations-service):
 * one charge of a donation succeeded or failed. Amounts in minor units; {@code amount} without the tip.
 * {@code actionId} is the DONATION action that rewards a completed charge (its own {@code action.completed} follows);
 * {@code failureReason} only on a failure.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DonationOutcome(
        String partnerDonationId,
        String status,
        String nonprofitSlug,
        String organizationId,
        long amount,
        String currency,
        String frequency,
        long tipAmount,
        String provider,
        int chargeNumber,
        String providerChargeId,
        String actionId,
        String failureReason) {}
