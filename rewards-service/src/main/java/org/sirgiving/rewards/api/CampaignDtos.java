package org.sirgiving.rewards.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.sirgiving.rewards.domain.Campaign;

/** Campaigns as partners write and read them (contract section 5). Cross-field rules: {@code service/CampaignService}. */
public final class CampaignDtos {
    static final String ACTION_TYPE = "DONATION|VOLUNTEER|PURCHASE|REFERRAL|ADVOCACY|SIGNUP|CUSTOM";
    static final String ACTION_TYPE_MESSAGE =
            "must be one of DONATION, VOLUNTEER, PURCHASE, REFERRAL, ADVOCACY, SIGNUP, CUSTOM";
    /**
     * Below 100,000: the largest amount an action may carry (13 integer digits) times the largest multiplier then stays
     * under 10^18 tokens, inside a long, so no accepted action's reward can overflow.
     */
    static final String MULTIPLIER_RULE = "must be below 100000 with at most 4 decimals";

    public record SplitBody(
            @NotBlank @Size(max = 64) String stakeholderTypeCode,

            @NotNull @DecimalMin(value = "0", inclusive = false, message = "must be more than 0") @DecimalMax(value = "100", message = "must be at most 100") @Digits(integer = 3, fraction = 2, message = "must have at most 2 decimals") BigDecimal percent) {}

    public record TierBody(
            @NotNull @DecimalMin(value = "0", message = "must be 0 or more") @Digits(integer = 13, fraction = 2, message = "must have at most 2 decimals") BigDecimal minAmount,

            @NotNull @DecimalMin(value = "0", inclusive = false, message = "must be more than 0") @Digits(integer = 5, fraction = 4, message = MULTIPLIER_RULE) BigDecimal multiplier) {}

    /** {@code POST /v1/partner/campaigns}: a new campaign is DRAFT unless it asks to be ACTIVE at once. */
    public record CreateCampaign(
            @NotBlank @Size(max = 200) String name,

            @Pattern(regexp = "DRAFT|ACTIVE", message = "must be DRAFT or ACTIVE") String status,

            @NotNull @Size(min = 1, max = 7) List<@NotNull @Pattern(regexp = ACTION_TYPE, message = ACTION_TYPE_MESSAGE) String> actionTypes,

            @DecimalMin(value = "0", inclusive = false, message = "must be more than 0") @Digits(integer = 5, fraction = 4, message = MULTIPLIER_RULE) BigDecimal multiplier,

            @Size(max = 10) List<@NotNull @Valid SplitBody> splits,
            @Size(max = 20) List<@NotNull @Valid TierBody> tiers,
            Instant startsAt,
            Instant endsAt,
            @Positive(message = "must be more than 0") Long budget,
            @Min(-1000) @Max(1000) Integer priority) {}

    /** {@code PATCH /v1/partner/campaigns/{id}}: absent (or null) fields stay as they are; lists are replaced whole. */
    public record UpdateCampaign(
            @Size(min = 1, max = 200) String name,

            @Pattern(regexp = "DRAFT|ACTIVE|PAUSED|ENDED", message = "must be DRAFT, ACTIVE, PAUSED or ENDED") String status,

            @Size(min = 1, max = 7) List<@NotNull @Pattern(regexp = ACTION_TYPE, message = ACTION_TYPE_MESSAGE) String> actionTypes,

            @DecimalMin(value = "0", inclusive = false, message = "must be more than 0") @Digits(integer = 5, fraction = 4, message = MULTIPLIER_RULE) BigDecimal multiplier,

            @Size(max = 10) List<@NotNull @Valid SplitBody> splits,
            @Size(max = 20) List<@NotNull @Valid TierBody> tiers,
            Instant startsAt,
            Instant endsAt,
            @Positive(message = "must be more than 0") Long budget,
            @Min(-1000) @Max(1000) Integer priority) {}

    public record CampaignView(
            String id,
            String name,
            String status,
            List<String> actionTypes,
            BigDecimal multiplier,
            List<Campaign.Split> splits,
            List<Campaign.Tier> tiers,
            Instant startsAt,
            Instant endsAt,
            Long budget,
            long tokensSpent,
            Long remainingBudget,
            int priority,
            String environment,
            Instant createdAt,
            Instant updatedAt) {
        public static CampaignView of(Campaign c) {
            return new CampaignView(
                    c.id,
                    c.name,
                    c.status.name(),
                    c.actionTypes(),
                    plain(c.multiplier),
                    c.splits(),
                    c.tiers(),
                    c.startsAt,
                    c.endsAt,
                    c.budget,
                    c.tokensSpent,
                    c.budget == null ? null : c.budget - c.tokensSpent,
                    c.priority,
                    c.environment,
                    c.createdAt,
                    c.updatedAt);
        }
    }

    /** 2.0000 → 2, 1.5000 → 1.5 (never 2E+1). */
    static BigDecimal plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    private CampaignDtos() {}
}
