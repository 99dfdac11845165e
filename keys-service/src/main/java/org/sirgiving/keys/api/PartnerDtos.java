package org.sirgiving.keys.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.sirgiving.events.ActionType;
import org.sirgiving.events.Environment;
import org.sirgiving.events.Feature;
import org.sirgiving.events.PartnerStatus;
import org.sirgiving.kernel.errors.ApiError;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.validation.OneOf;
import org.sirgiving.keys.domain.OperatorDecision;
import org.sirgiving.keys.domain.Partner;
import org.sirgiving.keys.domain.ProductionRequest;
import org.sirgiving.keys.domain.Tier;
import org.sirgiving.keys.domain.WidgetSettings;
import org.sirgiving.keys.service.Approval;
import org.sirgiving.keys.service.RequestProduction;
import org.sirgiving.keys.service.SettingsChange;
import org.sirgiving.keys.service.WidgetSettingsChange;
import org.sirgiving.keys.service.WidgetSettingsService;
import org.sirgiving.partnerauth.auth.WidgetCors;

/** Bodies of the partner, production-request and operator endpoints. */
public final class PartnerDtos {

    /**
     * {@code GET /v1/partner/keys/partner-info} (docs/partner-api.md section 2), with the partner's newest production
     * request (null: none filed) so that the partner sees where its approval stands.
     */
    @Schema(name = "PartnerInfo", description = "Your partner account.")
    public record PartnerInfo(
            @Schema(required = true, examples = KeyDtos.PARTNER_ID)
            String id,

            @Schema(required = true, examples = "Jane Doe") String name,

            @Schema(required = true, examples = "jane-doe-3f9a")
            String slug,

            @Schema(required = true, type = SchemaType.STRING, implementation = PartnerStatus.class)
            String status,

            @Schema(required = true, type = SchemaType.ARRAY, implementation = Feature.class)
            List<String> enabledFeatures,

            @Schema(required = true, description = "Requests per minute per environment.", examples = "600")
            int rateLimit,

            @Schema(required = true, type = SchemaType.STRING, implementation = Tier.class)
            String tier,

            @Schema(required = true, nullable = true, description = "Your newest production request; null: none filed.")
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
    @Schema(name = "ProductionRequestState", description = "Where your newest production request stands.")
    public record ProductionRequestState(
            @Schema(required = true, examples = REQUEST_ID) String id,

            @Schema(
                    required = true,
                    enumeration = {"PENDING", "APPROVED", "REJECTED"})
            String status,

            @Schema(required = true, examples = KeyDtos.CREATED_AT)
            Instant createdAt,

            @Schema(required = true, implementation = String.class, format = "date-time", nullable = true)
            Instant decidedAt,

            @Schema(required = true, nullable = true, description = "The operator's note or reason.")
            String decisionReason,

            @Schema(
                    required = true,
                    nullable = true,
                    description = "Tokens the production pool started with, once approved.",
                    examples = "100000")
            Long productionPoolAllocation,

            @Schema(required = true, nullable = true, examples = WEBHOOK_URL)
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
    @Schema(name = "Partner", description = "A partner as operators see it: everything but secrets.")
    public record PartnerAdminView(
            @Schema(required = true, examples = KeyDtos.PARTNER_ID)
            String id,

            @Schema(required = true, examples = "Acme Rewards")
            String name,

            @Schema(required = true, examples = "acme-rewards-3f9a")
            String slug,

            @Schema(required = true, type = SchemaType.STRING, implementation = PartnerStatus.class)
            String status,

            @Schema(required = true, type = SchemaType.STRING, implementation = Tier.class)
            String tier,

            @Schema(required = true, examples = "600") int rateLimit,

            @Schema(required = true, type = SchemaType.ARRAY, implementation = Feature.class)
            List<String> enabledFeatures,

            @Schema(
                    required = true,
                    description = "Addresses allowed to call; empty: any.",
                    examples = "[\"203.0.113.7\"]")
            List<String> ipAllowlist,

            @Schema(required = true, nullable = true, examples = "dev@acme.example")
            String contactEmail,

            @Schema(required = true) boolean productionApproved,

            @Schema(required = true, description = "The JWT subject of the user who created the partner.")
            String ownerSubject,

            @Schema(required = true, examples = KeyDtos.CREATED_AT)
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
    @Schema(name = "CurrentUser", description = "The signed-in user, their partner and its active publishable key.")
    public record Me(
            @Schema(required = true) User user,

            @Schema(required = true, nullable = true, description = "Null until the user creates a first key.")
            PartnerInfo partner,

            @Schema(
                    required = true,
                    nullable = true,
                    description = "The newest active publishable key; null: none.",
                    examples = KeyDtos.PUBLIC_KEY)
            String activePublishableKey) {
        @Schema(name = "CurrentUserIdentity", description = "Who the user token names.")
        public record User(
                @Schema(
                        required = true,
                        description = "The token's subject.",
                        examples = "auth0|5f7c8ec7c33c6c004bbafe82")
                String subject,

                @Schema(required = true, nullable = true, examples = "jane@acme.example")
                String email,

                @Schema(required = true, nullable = true, examples = "Jane Doe")
                String name) {}
    }

    /** {@code GET /v1/partner/config} (docs/partner-api.md section 7): the partner, with the key environment's settings. */
    @Schema(name = "WidgetConfig", description = "What the widget needs to know about the partner.")
    public record WidgetConfig(
            @Schema(required = true, examples = KeyDtos.PARTNER_ID)
            String id,

            @Schema(required = true, examples = "Acme Rewards")
            String name,

            @Schema(required = true, examples = "acme-rewards-3f9a")
            String slug,

            @Schema(required = true, type = SchemaType.ARRAY, implementation = Feature.class)
            List<String> enabledFeatures,

            @Schema(required = true, examples = "600") int rateLimit,

            @Schema(required = true, description = "False while the partner is suspended.")
            boolean isActive,

            @Schema(required = true, nullable = true, examples = WEBHOOK_URL)
            String webhookUrl,

            @Schema(required = true, description = "The tip settings of the key's environment.")
            TipConfig tipConfig,

            @Schema(
                    required = true,
                    description = "Browser origins (scheme://host[:port]) from which the publishable keys of the"
                            + " key's environment may be used; empty: none, except loopback pages for sandbox keys.",
                    examples = "[\"https://shop.acme.example\"]")
            List<String> allowedOrigins) {
        @Schema(name = "WidgetTipConfig", description = "Whether the widget offers a tip on donations, and how much.")
        public record TipConfig(
                @Schema(required = true) boolean enabled,

                @Schema(required = true, minimum = "0", maximum = "100", examples = "10")
                int defaultPercent) {}

        public static WidgetConfig of(WidgetSettingsService.Widget w) {
            Partner p = w.partner();
            WidgetSettings s = w.settings();
            return new WidgetConfig(
                    p.id,
                    p.name,
                    p.slug,
                    Feature.names(p.features()),
                    p.rateLimit,
                    !p.isSuspended(),
                    p.webhookUrl,
                    new TipConfig(s.tipEnabled, s.tipDefaultPercent),
                    s.origins());
        }
    }

    /** {@code PATCH /v1/partner/config}: the widget settings of the secret key's environment. */
    @Schema(
            name = "UpdateWidgetConfig",
            description = "The widget settings of your key's environment; fields left out stay as they are.")
    public record WidgetConfigPatch(
            @Schema(description = "The tip the widget offers on donations.") @Valid TipConfigPatch tipConfig,

            @Schema(
                    description = "Exactly the browser origins (`scheme://host[:port]`, no path) whose pages may use"
                            + " your publishable key of this environment; `https` in production. `[]`: none (a"
                            + " sandbox key then allows loopback pages only).",
                    examples = "[\"https://shop.acme.example\", \"http://localhost:3000\"]")
            @Size(max = MAX_ORIGINS) List<@NotNull @Size(max = 255) String> allowedOrigins) {

        @Schema(name = "WidgetTipConfigUpdate", description = "Whether the widget offers a tip, and its default.")
        public record TipConfigPatch(
                @Schema(required = true) @NotNull Boolean enabled,

                @Schema(required = true, minimum = "0", maximum = "100", examples = "10") @NotNull @Min(0) @Max(100) Integer defaultPercent) {}

        /** The change, or 400 VALIDATION_FAILED naming every origin that is not one. */
        WidgetSettingsChange toCommand(Environment environment) {
            List<String> origins = null;
            if (allowedOrigins != null) {
                List<ApiError.FieldError> errors = new ArrayList<>();
                Set<String> normalized = new LinkedHashSet<>();
                for (int i = 0; i < allowedOrigins.size(); i++) {
                    String origin = WidgetCors.normalize(allowedOrigins.get(i));
                    String field = "allowedOrigins[" + i + "]";
                    if (origin == null) {
                        errors.add(new ApiError.FieldError(
                                field, "must be an origin: scheme://host[:port] (http or https, no path)"));
                    } else if (environment == Environment.PRODUCTION && !origin.startsWith("https://")) {
                        errors.add(new ApiError.FieldError(field, "must be https for production keys"));
                    } else {
                        normalized.add(origin);
                    }
                }
                if (!errors.isEmpty()) {
                    throw ApiException.validation(errors);
                }
                origins = List.copyOf(normalized);
            }
            return new WidgetSettingsChange(
                    tipConfig == null ? null : tipConfig.enabled(),
                    tipConfig == null ? null : tipConfig.defaultPercent(),
                    origins);
        }
    }

    static final int MAX_ORIGINS = 20;

    @Schema(name = "CreateProductionRequest", description = "What SIR Giving needs to approve production use.")
    public record ProductionRequestBody(
            @Schema(examples = "Acme Rewards Ltd") @NotBlank @Size(max = 200) String legalEntityName,

            @Schema(format = "email", examples = "dev@acme.example") @NotBlank @Email @Size(max = 320) String contactEmail,

            @Schema(examples = "Reward shoppers with tokens for purchases at partner stores")
            @NotBlank @Size(max = 4000) String useCase,

            @Schema(description = "Actions per month you expect.", examples = "50000") @NotNull @PositiveOrZero Long expectedMonthlyVolume,

            @Schema(
                    type = SchemaType.ARRAY,
                    implementation = ActionType.class,
                    description = "The actions you will report.")
            @NotEmpty @Size(max = 7) List<@NotNull @OneOf(ActionType.class) String> actionTypes,

            @Schema(description = "Who is rewarded for what, and who funds it.", examples = "Shoppers earn; Acme funds")
            @NotBlank @Size(max = 2000) String stakeholderModel,

            @Schema(
                    description = "Where production webhooks go (https); the production endpoint is set up"
                            + " here on approval.",
                    examples = WEBHOOK_URL)
            @Size(max = 2048) @Pattern(regexp = "^https://.+$", message = "must be an https URL") String webhookUrl) {

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

    @Schema(name = "ProductionRequest", description = "A request for production use and its decision.")
    public record ProductionRequestView(
            @Schema(required = true, examples = REQUEST_ID) String id,

            @Schema(required = true, examples = KeyDtos.PARTNER_ID)
            String partnerId,

            @Schema(
                    required = true,
                    enumeration = {"PENDING", "APPROVED", "REJECTED"})
            String status,

            @Schema(required = true, examples = "Acme Rewards Ltd")
            String legalEntityName,

            @Schema(required = true, examples = "dev@acme.example")
            String contactEmail,

            @Schema(required = true) String useCase,
            @Schema(required = true, examples = "50000") long expectedMonthlyVolume,

            @Schema(required = true, type = SchemaType.ARRAY, implementation = ActionType.class)
            List<String> actionTypes,

            @Schema(required = true) String stakeholderModel,

            @Schema(required = true, nullable = true, examples = WEBHOOK_URL)
            String webhookUrl,

            @Schema(
                    required = true,
                    nullable = true,
                    description = "Tokens the production pool started with; set on approval.",
                    examples = "100000")
            Long productionPoolAllocation,

            @Schema(required = true, nullable = true, description = "The deciding operator's JWT subject.")
            String decidedBy,

            @Schema(required = true, implementation = String.class, format = "date-time", nullable = true)
            Instant decidedAt,

            @Schema(required = true, nullable = true, description = "The operator's note or reason.")
            String decisionReason,

            @Schema(required = true, examples = KeyDtos.CREATED_AT)
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

    @Schema(name = "ApproveProductionRequest", description = "The approval's terms.")
    public record ApproveBody(
            @Schema(type = SchemaType.STRING, implementation = Tier.class, examples = "STANDARD")
            @NotNull @OneOf(Tier.class)
            String tier,

            @Schema(description = "Requests per minute; the tier's default when left out.", examples = "600")
            @Min(1) @Max(1_000_000) Integer rateLimit,
            // A decimal, not a Long: Jackson would silently truncate 12.5 to 12 tokens.
            @Schema(
                    type = SchemaType.INTEGER,
                    description = "Tokens the production pool starts with; the configured default when left" + " out.",
                    examples = "100000")
            @Positive(message = "must be more than 0") @DecimalMax(value = MAX_TOKENS, message = "must be at most " + MAX_TOKENS) @Digits(integer = 13, fraction = 0, message = "must be a whole number of tokens") BigDecimal productionPoolAllocation,

            @Schema(examples = "Approved after the call on 2 December") @Size(max = 2000) String note) {

        Approval toCommand() {
            Long pool = productionPoolAllocation == null ? null : productionPoolAllocation.longValueExact();
            return new Approval(Tier.valueOf(tier), rateLimit, pool, note);
        }
    }

    @Schema(name = "OperatorReason", description = "Why the operator decides so; kept in the audit trail.")
    public record ReasonBody(
            @Schema(examples = "Chargeback rate over the agreed limit") @NotBlank @Size(max = 2000) String reason) {}

    @Schema(
            name = "UpdatePartnerSettings",
            description = "Operator-only partner settings; fields left out stay as they are.")
    public record SettingsBody(
            @Schema(description = "Addresses allowed to call; empty: any.", examples = "[\"203.0.113.7\"]")
            @Size(max = 50) List<@NotNull @Pattern(regexp = "^[0-9a-fA-F:.]{2,45}$", message = "must be an IP address") String>
                    ipAllowlist,

            @Schema(
                    type = SchemaType.ARRAY,
                    implementation = Feature.class,
                    description = "Exactly the features to enable.")
            @Size(max = 20) List<@NotNull @OneOf(Feature.class) String> enabledFeatures,

            @Schema(description = "Requests per minute per environment.", examples = "3000") @Min(1) @Max(1_000_000) Integer rateLimit,

            @Schema(examples = "Raised for the holiday campaign") @NotBlank @Size(max = 2000) String reason) {

        SettingsChange toCommand() {
            List<Feature> features = enabledFeatures == null
                    ? null
                    : enabledFeatures.stream().map(Feature::valueOf).toList();
            return new SettingsChange(ipAllowlist, features, rateLimit, reason);
        }
    }

    @Schema(name = "OperatorDecision", description = "One operator decision in a partner's audit trail.")
    public record DecisionView(
            @Schema(required = true, examples = "dec_5b1e0c9a7d3f2e4a6b8c0d1e")
            String id,

            @Schema(required = true, examples = KeyDtos.PARTNER_ID)
            String partnerId,

            @Schema(required = true, nullable = true, description = "The production request decided, if any.")
            String requestId,

            @Schema(required = true, description = "The operator's JWT subject.")
            String operator,

            @Schema(
                    required = true,
                    enumeration = {"APPROVE_PRODUCTION", "REJECT_PRODUCTION", "SUSPEND", "REACTIVATE", "UPDATE_SETTINGS"
                    })
            String decision,

            @Schema(required = true, nullable = true) String reason,

            @Schema(
                    required = true,
                    nullable = true,
                    description = "What changed, as a JSON text.",
                    examples = "{\"status\":\"SUSPENDED\"}")
            String details,

            @Schema(required = true, examples = KeyDtos.CREATED_AT)
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

    static final String REQUEST_ID = "preq_9c2d4e6f8a0b1c3d5e7f9a1b";
    static final String WEBHOOK_URL = "https://acme.example/sir/webhooks";

    private PartnerDtos() {}
}
