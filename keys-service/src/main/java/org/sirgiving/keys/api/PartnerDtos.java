package org.sirgiving.keys.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.sirgiving.events.ActionType;
import org.sirgiving.events.Feature;
import org.sirgiving.kernel.validation.OneOf;
import org.sirgiving.keys.domain.OperatorDecision;
import org.sirgiving.keys.domain.Partner;
import org.sirgiving.keys.domain.ProductionRequest;
import org.sirgiving.keys.domain.Tier;
import org.sirgiving.keys.service.Approval;
import org.sirgiving.keys.service.RequestProduction;
import org.sirgiving.keys.service.SettingsChange;

/** Bodies of the partner, production-request and operator endpoints. */
public final class PartnerDtos {

    /**
     * {@code GET /v1/partner/keys/partner-info} (docs/partner-api.md section 2), with the partner's newest production
     * request (null: none filed) so that the partner sees where its approval stands.
     */
    public record PartnerInfo(
            String id,
            String name,
            String slug,
            String status,
            List<String> enabledFeatures,
            int rateLimit,
            String tier,
            ProductionRequestState productionRequest) {
        public static PartnerInfo of(Partner p, ProductionRequest newest) {
            return new PartnerInfo(
                    p.id,
                    p.name,
                    p.slug,
                    p.status.name(),
                    Feature.names(p.features()),
                    p.rateLimit,
                    p.tier.name(),
                    newest == null ? null : ProductionRequestState.of(newest));
        }
    }

    /**
     * Where the partner's production request stands: PENDING, APPROVED (with the production pool's starting tokens
     * and the webhook URL its production endpoint was set up at) or REJECTED (with the reason).
     */
    public record ProductionRequestState(
            String id,
            String status,
            Instant createdAt,
            Instant decidedAt,
            String decisionReason,
            Long productionPoolAllocation,
            String webhookUrl) {
        static ProductionRequestState of(ProductionRequest r) {
            return new ProductionRequestState(
                    r.id,
                    r.status.name(),
                    r.createdAt,
                    r.decidedAt,
                    r.decisionReason,
                    r.productionPoolAllocation,
                    r.webhookUrl);
        }
    }

    /** An operator's view: everything but secrets. */
    public record PartnerAdminView(
            String id,
            String name,
            String slug,
            String status,
            String tier,
            int rateLimit,
            List<String> enabledFeatures,
            List<String> ipAllowlist,
            String contactEmail,
            boolean productionApproved,
            String ownerSubject,
            Instant createdAt) {
        public static PartnerAdminView of(Partner p) {
            return new PartnerAdminView(
                    p.id,
                    p.name,
                    p.slug,
                    p.status.name(),
                    p.tier.name(),
                    p.rateLimit,
                    Feature.names(p.features()),
                    p.allowedIps(),
                    p.contactEmail,
                    p.productionApproved,
                    p.ownerSubject,
                    p.createdAt);
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Me(User user, PartnerInfo partner, String activePublishableKey) {
        public record User(String subject, String email, String name) {}
    }

    /** {@code GET /v1/partner/config} (docs/partner-api.md section 7). */
    public record WidgetConfig(
            String id,
            String name,
            String slug,
            List<String> enabledFeatures,
            int rateLimit,
            boolean isActive,
            String webhookUrl,
            TipConfig tipConfig) {
        public record TipConfig(boolean enabled, int defaultPercent) {}

        public static WidgetConfig of(Partner p) {
            return new WidgetConfig(
                    p.id,
                    p.name,
                    p.slug,
                    Feature.names(p.features()),
                    p.rateLimit,
                    !p.isSuspended(),
                    p.webhookUrl,
                    new TipConfig(p.tipEnabled, p.tipDefaultPercent));
        }
    }

    public record ProductionRequestBody(
            @NotBlank @Size(max = 200) String legalEntityName,
            @NotBlank @Email @Size(max = 320) String contactEmail,
            @NotBlank @Size(max = 4000) String useCase,
            @NotNull @PositiveOrZero Long expectedMonthlyVolume,

            @NotEmpty @Size(max = 7) List<@NotNull @OneOf(ActionType.class) String> actionTypes,

            @NotBlank @Size(max = 2000) String stakeholderModel,

            @Size(max = 2048) @Pattern(regexp = "https://.+", message = "must be an https URL") String webhookUrl) {

        RequestProduction toCommand() {
            return new RequestProduction(
                    legalEntityName.trim(),
                    contactEmail.trim(),
                    useCase.trim(),
                    expectedMonthlyVolume,
                    actionTypes.stream().map(ActionType::valueOf).toList(),
                    stakeholderModel.trim(),
                    webhookUrl);
        }
    }

    public record ProductionRequestView(
            String id,
            String partnerId,
            String status,
            String legalEntityName,
            String contactEmail,
            String useCase,
            long expectedMonthlyVolume,
            List<String> actionTypes,
            String stakeholderModel,
            String webhookUrl,
            Long productionPoolAllocation,
            String decidedBy,
            Instant decidedAt,
            String decisionReason,
            Instant createdAt) {
        public static ProductionRequestView of(ProductionRequest r) {
            return new ProductionRequestView(
                    r.id,
                    r.partnerId,
                    r.status.name(),
                    r.legalEntityName,
                    r.contactEmail,
                    r.useCase,
                    r.expectedMonthlyVolume,
                    Arrays.asList(r.actionTypes.split(",")),
                    r.stakeholderModel,
                    r.webhookUrl,
                    r.productionPoolAllocation,
                    r.decidedBy,
                    r.decidedAt,
                    r.decisionReason,
                    r.createdAt);
        }
    }

    /** The largest token amount an operator may give at once (as rewards-service's pool endpoints allow). */
    static final String MAX_TOKENS = "1000000000000";

    public record ApproveBody(
            @NotNull @OneOf(Tier.class) String tier,
            @Min(1) @Max(1_000_000) Integer rateLimit,
            // A decimal, not a Long: Jackson would silently truncate 12.5 to 12 tokens.
            @Positive(message = "must be more than 0") @DecimalMax(value = MAX_TOKENS, message = "must be at most " + MAX_TOKENS) @Digits(integer = 13, fraction = 0, message = "must be a whole number of tokens") BigDecimal productionPoolAllocation,

            @Size(max = 2000) String note) {

        Approval toCommand() {
            Long pool = productionPoolAllocation == null ? null : productionPoolAllocation.longValueExact();
            return new Approval(Tier.valueOf(tier), rateLimit, pool, note);
        }
    }

    public record ReasonBody(@NotBlank @Size(max = 2000) String reason) {}

    public record SettingsBody(
            @Size(max = 50) List<@NotNull @Pattern(regexp = "[0-9a-fA-F:.]{2,45}", message = "must be an IP address") String>
                    ipAllowlist,

            @Size(max = 20) List<@NotNull @OneOf(Feature.class) String> enabledFeatures,
            @Min(1) @Max(1_000_000) Integer rateLimit,
            @NotBlank @Size(max = 2000) String reason) {

        SettingsChange toCommand() {
            List<Feature> features = enabledFeatures == null
                    ? null
                    : enabledFeatures.stream().map(Feature::valueOf).toList();
            return new SettingsChange(ipAllowlist, features, rateLimit, reason);
        }
    }

    public record DecisionView(
            String id,
            String partnerId,
            String requestId,
            String operator,
            String decision,
            String reason,
            String details,
            Instant createdAt) {
        public static DecisionView of(OperatorDecision d) {
            return new DecisionView(
                    d.id,
                    d.partnerId,
                    d.requestId,
                    d.operatorSubject,
                    d.decision.name(),
                    d.reason,
                    d.details,
                    d.createdAt);
        }
    }

    private PartnerDtos() {}
}
