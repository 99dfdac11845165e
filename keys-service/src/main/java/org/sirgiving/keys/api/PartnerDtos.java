package org.sirgiving.keys.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
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

    /** {@code GET /v1/partner/keys/partner-info} (docs/partner-api.md section 2). */
    public record PartnerInfo(
            String id,
            String name,
            String slug,
            String status,
            List<String> enabledFeatures,
            int rateLimit,
            String tier) {
        public static PartnerInfo of(Partner p) {
            return new PartnerInfo(
                    p.id, p.name, p.slug, p.status.name(), Feature.names(p.features()), p.rateLimit, p.tier.name());
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

            @NotEmpty @Size(max = 7) List<@OneOf(ActionType.class) String> actionTypes,

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
                    r.decidedBy,
                    r.decidedAt,
                    r.decisionReason,
                    r.createdAt);
        }
    }

    public record ApproveBody(
            @NotNull @OneOf(Tier.class) String tier,
            @Min(1) @Max(1_000_000) Integer rateLimit,
            @Size(max = 2000) String note) {

        Approval toCommand() {
            return new Approval(Tier.valueOf(tier), rateLimit, note);
        }
    }

    public record ReasonBody(@NotBlank @Size(max = 2000) String reason) {}

    public record SettingsBody(
            @Size(max = 50) List<@Pattern(regexp = "[0-9a-fA-F:.]{2,45}", message = "must be an IP address") String> ipAllowlist,

            @Size(max = 20) List<@OneOf(Feature.class) String> enabledFeatures,
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
