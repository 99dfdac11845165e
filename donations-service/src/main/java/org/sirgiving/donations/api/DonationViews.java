package org.sirgiving.donations.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.sirgiving.donations.domain.Donation;
import org.sirgiving.donations.domain.DonationCharge;
import org.sirgiving.donations.domain.DonationStatus;
import org.sirgiving.donations.domain.RewardStatus;
import org.sirgiving.donations.service.DonationState;

/** The answers of the donation endpoints. */
public final class DonationViews {

    @Schema(
            name = "DonationLink",
            description = "Where to send the donor, and the id to follow the donation by.",
            requiredProperties = {"donationLink", "partnerDonationId"})
    public record Link(
            @Schema(
                    description = "Open it in the donor's browser: the provider's checkout, or the hosted"
                            + " sandbox checkout for a sandbox key.",
                    examples = "https://api.sirgiving.org/donate/checkout/8c1d…")
            String donationLink,

            @Schema(examples = "don_9f86d081884c7d659a2feaa0")
            String partnerDonationId) {
        public static Link of(Donation d) {
            return new Link(d.donationLink, d.id);
        }
    }

    @Schema(
            name = "DonationReward",
            description = "The reward of a charge: its DONATION action and what it distributed.",
            requiredProperties = {"actionId", "status", "tokensDistributed", "transactionIds"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Reward(
            @Schema(description = "The DONATION action (also in `action.completed` webhooks).")
            String actionId,

            RewardStatus status,
            long tokensDistributed,
            List<String> transactionIds,

            @Schema(description = "Why the reward failed; only when `FAILED`.", examples = "INSUFFICIENT_POOL")
            String failureCode) {
        static Reward of(DonationCharge c) {
            if (c.actionId == null) {
                return null;
            }
            return new Reward(
                    c.actionId, c.rewardStatus, c.tokensDistributed, c.transactionIdList(), c.rewardFailureCode);
        }
    }

    @Schema(
            name = "DonationCharge",
            description = "One charge: a one-time donation has one, a monthly one a charge a month.",
            requiredProperties = {"chargeNumber", "status", "amount", "providerChargeId", "chargedAt"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Charge(
            int chargeNumber,
            @Schema(enumeration = {"COMPLETED", "FAILED"}) String status,

            @Schema(description = "Minor units, without the tip.")
            long amount,

            String providerChargeId,
            Instant chargedAt,

            @Schema(description = "Absent for a failed charge.")
            Reward reward) {
        static Charge of(DonationCharge c) {
            return new Charge(c.chargeNumber, c.status, c.amountMinor, c.providerChargeId, c.chargedAt, Reward.of(c));
        }
    }

    @Schema(
            name = "DonationStatus",
            description = "A donation, its charges and their rewards.",
            requiredProperties = {
                "partnerDonationId",
                "status",
                "nonprofitSlug",
                "amount",
                "currency",
                "frequency",
                "tipAmount",
                "provider",
                "environment",
                "createdAt",
                "updatedAt",
                "charges"
            })
    public record Status(
            String partnerDonationId,

            @Schema(
                    description = "CREATED, then PENDING once the checkout is opened, then COMPLETED, FAILED,"
                            + " CANCELLED or EXPIRED.")
            DonationStatus status,

            String nonprofitSlug,

            @Schema(description = "Minor units, without the tip.")
            long amount,

            String currency,
            @Schema(enumeration = {"once", "monthly"}) String frequency,
            @Schema(description = "Minor units.") long tipAmount,
            @Schema(enumeration = {"stripe", "every.org"}) String provider,
            @Schema(enumeration = {"sandbox", "production"}) String environment,
            Instant createdAt,
            Instant updatedAt,
            List<Charge> charges,

            @Schema(description = "The first completed charge's reward; null until one completed.", nullable = true)
            Reward reward) {

        public static Status of(DonationState s, Instant now) {
            Donation d = s.donation();
            List<Charge> charges = s.charges().stream().map(Charge::of).toList();
            Reward first = s.charges().stream()
                    .filter(c -> c.actionId != null)
                    .findFirst()
                    .map(Reward::of)
                    .orElse(null);
            return new Status(
                    d.id,
                    d.statusAt(now),
                    d.nonprofitSlug,
                    d.amountMinor,
                    d.currency,
                    d.frequency,
                    d.tipMinor,
                    d.provider,
                    d.environment,
                    d.createdAt,
                    d.updatedAt,
                    charges,
                    first);
        }
    }

    private DonationViews() {}
}
