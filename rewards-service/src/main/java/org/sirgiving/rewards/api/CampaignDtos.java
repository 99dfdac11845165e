package org.sirgiving.rewards.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.sirgiving.events.ActionType;
import org.sirgiving.kernel.validation.Identifier;
import org.sirgiving.kernel.validation.OneOf;
import org.sirgiving.rewards.domain.Campaign;
import org.sirgiving.rewards.service.CampaignChanges;
import org.sirgiving.rewards.service.NewCampaign;

/** Campaigns as partners write and read them (docs/partner-api.md section 5). Cross-field rules: CampaignService. */
public final class CampaignDtos {
    /**
     * Below 100,000: the largest amount an action may carry (13 integer digits) times the largest multiplier then stays
     * under 10^18 tokens, inside a long, so no accepted action's reward can overflow.
     */
    static final String MULTIPLIER_RULE = "must be below 100000 with at most 4 decimals";

    public record SplitBody(
            @NotBlank @Size(max = 64) @Identifier String stakeholderTypeCode,

            @NotNull @DecimalMin(value = "0", inclusive = false, message = "must be more than 0") @DecimalMax(value = "100", message = "must be at most 100") @Digits(integer = 3, fraction = 2, message = "must have at most 2 decimals") BigDecimal percent) {
        Campaign.Split split() {
            return new Campaign.Split(stakeholderTypeCode, percent);
        }
    }

    public record TierBody(
            @NotNull @DecimalMin(value = "0", message = "must be 0 or more") @Digits(integer = 13, fraction = 2, message = "must have at most 2 decimals") BigDecimal minAmount,

            @NotNull @DecimalMin(value = "0", inclusive = false, message = "must be more than 0") @Digits(integer = 5, fraction = 4, message = MULTIPLIER_RULE) BigDecimal multiplier) {
        Campaign.Tier tier() {
            return new Campaign.Tier(minAmount, multiplier);
        }
    }

    /** {@code POST /v1/partner/campaigns}: a new campaign is DRAFT unless it asks to be ACTIVE at once. */
    public record CreateCampaign(
            @NotBlank @Size(max = 200) String name,

            @OneOf(Campaign.InitialStatus.class) String status,

            @NotNull @Size(min = 1, max = 7) List<@NotNull @OneOf(ActionType.class) String> actionTypes,

            @DecimalMin(value = "0", inclusive = false, message = "must be more than 0") @Digits(integer = 5, fraction = 4, message = MULTIPLIER_RULE) BigDecimal multiplier,

            @Size(max = 10) List<@NotNull @Valid SplitBody> splits,
            @Size(max = 20) List<@NotNull @Valid TierBody> tiers,
            Instant startsAt,
            Instant endsAt,
            @Positive(message = "must be more than 0") Long budget,
            @Min(-1000) @Max(1000) Integer priority) {
        NewCampaign command() {
            return new NewCampaign(
                    name,
                    status == null
                            ? null
                            : Campaign.InitialStatus.valueOf(status).status(),
                    actionTypesOf(actionTypes),
                    multiplier,
                    splitsOf(splits),
                    tiersOf(tiers),
                    startsAt,
                    endsAt,
                    budget,
                    priority);
        }
    }

    /** {@code PATCH /v1/partner/campaigns/{id}}: absent (or null) fields stay as they are; lists are replaced whole. */
    public record UpdateCampaign(
            @Size(min = 1, max = 200) String name,

            @OneOf(Campaign.Status.class) String status,

            @Size(min = 1, max = 7) List<@NotNull @OneOf(ActionType.class) String> actionTypes,

            @DecimalMin(value = "0", inclusive = false, message = "must be more than 0") @Digits(integer = 5, fraction = 4, message = MULTIPLIER_RULE) BigDecimal multiplier,

            @Size(max = 10) List<@NotNull @Valid SplitBody> splits,
            @Size(max = 20) List<@NotNull @Valid TierBody> tiers,
            Instant startsAt,
            Instant endsAt,
            @Positive(message = "must be more than 0") Long budget,
            @Min(-1000) @Max(1000) Integer priority) {
        CampaignChanges command() {
            return new CampaignChanges(
                    name,
                    status == null ? null : Campaign.Status.valueOf(status),
                    actionTypesOf(actionTypes),
                    multiplier,
                    splitsOf(splits),
                    tiersOf(tiers),
                    startsAt,
                    endsAt,
                    budget,
                    priority);
        }
    }

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
                    c.actionTypes().stream().map(Enum::name).toList(),
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

    private static List<ActionType> actionTypesOf(List<String> names) {
        return names == null ? null : names.stream().map(ActionType::valueOf).toList();
    }

    private static List<Campaign.Split> splitsOf(List<SplitBody> body) {
        return body == null ? null : body.stream().map(SplitBody::split).toList();
    }

    private static List<Campaign.Tier> tiersOf(List<TierBody> body) {
        return body == null ? null : body.stream().map(TierBody::tier).toList();
    }

    private CampaignDtos() {}
}
