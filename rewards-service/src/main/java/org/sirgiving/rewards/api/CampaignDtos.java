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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
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

    @Schema(
            name = "CampaignSplitInput",
            description = "A stakeholder type's share of the reward; the shares add up to 100.")
    public record SplitBody(
            @NotBlank @Size(max = 64) @Identifier @Schema(examples = "DONOR")
            String stakeholderTypeCode,

            @NotNull @DecimalMin(value = "0", inclusive = false, message = "must be more than 0") @DecimalMax(value = "100", message = "must be at most 100") @Digits(integer = 3, fraction = 2, message = "must have at most 2 decimals") BigDecimal percent) {
        Campaign.Split split() {
            return new Campaign.Split(stakeholderTypeCode, percent);
        }
    }

    @Schema(
            name = "CampaignTierInput",
            description = "The highest tier whose minAmount is at most the action's amount overrides the multiplier.")
    public record TierBody(
            @NotNull @DecimalMin(value = "0", message = "must be 0 or more") @Digits(integer = 13, fraction = 2, message = "must have at most 2 decimals") BigDecimal minAmount,

            @NotNull @DecimalMin(value = "0", inclusive = false, message = "must be more than 0") @Digits(integer = 5, fraction = 4, message = MULTIPLIER_RULE) BigDecimal multiplier) {
        Campaign.Tier tier() {
            return new Campaign.Tier(minAmount, multiplier);
        }
    }

    /** {@code POST /v1/partner/campaigns}: a new campaign is DRAFT unless it asks to be ACTIVE at once. */
    @Schema(name = "NewCampaign", description = "A campaign; absent knobs take their defaults.")
    public record CreateCampaign(
            @NotBlank @Size(max = 200) @Schema(examples = "Double tokens for December donations")
            String name,

            @OneOf(Campaign.InitialStatus.class) @Schema(allOf = Campaign.InitialStatus.class, defaultValue = "DRAFT")
            String status,

            @NotNull @Size(min = 1, max = 7) @Schema(type = SchemaType.ARRAY, implementation = ActionType.class)
            List<@NotNull @OneOf(ActionType.class) String> actionTypes,

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
    @Schema(
            name = "CampaignUpdate",
            description = "Absent (or null) fields stay as they are; lists are replaced whole.")
    public record UpdateCampaign(
            @Size(min = 1, max = 200) @Schema(examples = "Triple tokens for December donations")
            String name,

            @OneOf(Campaign.Status.class) @Schema(ref = "CampaignStatus")
            String status,

            @Size(min = 1, max = 7) @Schema(type = SchemaType.ARRAY, implementation = ActionType.class)
            List<@NotNull @OneOf(ActionType.class) String> actionTypes,

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

    @Schema(
            name = "Campaign",
            description = "Rules that change how many tokens matching actions earn and how they are split.",
            requiredProperties = {
                "id",
                "name",
                "status",
                "actionTypes",
                "multiplier",
                "splits",
                "tiers",
                "startsAt",
                "endsAt",
                "budget",
                "tokensSpent",
                "remainingBudget",
                "priority",
                "environment",
                "createdAt",
                "updatedAt"
            })
    public record CampaignView(
            @Schema(examples = "camp_7c9e6679f7f04ee9b1a2c3d4")
            String id,

            @Schema(examples = "Double tokens for December donations")
            String name,

            Campaign.Status status,
            List<ActionType> actionTypes,

            @Schema(examples = "2") BigDecimal multiplier,
            List<Campaign.Split> splits,
            List<Campaign.Tier> tiers,

            @Schema(
                    implementation = String.class,
                    format = "date-time",
                    nullable = true,
                    description = "Null: from now.")
            Instant startsAt,

            @Schema(implementation = String.class, format = "date-time", nullable = true, description = "Null: no end.")
            Instant endsAt,

            @Schema(
                    description = "Most tokens the campaign may award; null: no limit.",
                    nullable = true,
                    examples = "500000")
            Long budget,

            @Schema(examples = "1200") long tokensSpent,

            @Schema(description = "budget - tokensSpent; null without a budget.", nullable = true, examples = "498800")
            Long remainingBudget,

            @Schema(description = "Higher wins when several campaigns match.", examples = "10")
            int priority,

            @Schema(enumeration = {"sandbox", "production"}) String environment,
            Instant createdAt,
            Instant updatedAt) {
        public static CampaignView of(Campaign c) {
            return new CampaignView(
                    c.id,
                    c.name,
                    c.status,
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
