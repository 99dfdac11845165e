package org.sirgiving.rewards.api;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sirgiving.kernel.errors.ApiError;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.http.Instants;
import org.sirgiving.kernel.openapi.OpenApiNames;
import org.sirgiving.partnerauth.auth.PartnerContext;
import org.sirgiving.partnerauth.auth.SignedAuth;
import org.sirgiving.rewards.domain.PartnerActivity;
import org.sirgiving.rewards.domain.PartnerScope;
import org.sirgiving.rewards.service.DashboardService;

/**
 * {@code GET /v1/partner/dashboard?from=&to=} (docs/partner-api.md section 5): this service's records and
 * webhook-dispatcher's delivery figures ({@link DashboardService}).
 */
@Path("/v1/partner/dashboard")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dashboard")
public class DashboardResource {
    private final PartnerContext partner;

    private final DashboardService dashboard;

    @Schema(
            name = "DashboardActionCounts",
            description = "Actions decided in the window, by what became of them.",
            requiredProperties = {"completed", "reversed", "failed"})
    public record ActionCounts(
            @Schema(description = "Rewarded and not reversed since.", examples = "1520")
            long completed,

            @Schema(description = "Rewarded, then reversed.", examples = "12")
            long reversed,

            @Schema(description = "Refused, not rewarded since.", examples = "3")
            long failed) {}

    @Schema(
            name = "Dashboard",
            description = "The partner's figures for one environment over a time window.",
            requiredProperties = {
                "from",
                "to",
                "environment",
                "actions",
                "tokensDistributed",
                "activeUsers",
                "poolBalance",
                "webhookDeliverySuccessRate",
                "webhookDeliveriesPending"
            })
    public record Dashboard(
            Instant from,
            Instant to,
            @Schema(enumeration = {"sandbox", "production"}) String environment,
            ActionCounts actions,

            @Schema(description = "Tokens rewarded minus tokens reversed.", examples = "38000")
            long tokensDistributed,

            @Schema(description = "Users rewarded in the window.", examples = "640")
            long activeUsers,

            @Schema(description = "The pool's balance now; null without a pool.", nullable = true, examples = "62000")
            Long poolBalance,

            @Schema(
                    description = "Delivered / (delivered + failed) webhook deliveries decided in the window, 0 to 1;"
                            + " null when none was decided or the figure is unavailable.",
                    nullable = true,
                    examples = "0.9985")
            Double webhookDeliverySuccessRate,

            @Schema(
                    description = "Webhook deliveries not decided yet; null when the figure is unavailable.",
                    nullable = true,
                    examples = "2")
            Long webhookDeliveriesPending) {}

    public DashboardResource(PartnerContext partner, DashboardService dashboard) {
        this.partner = partner;
        this.dashboard = dashboard;
    }

    /**
     * {@code from}/{@code to}: ISO-8601 instants or dates ({@code to} as a date includes that day), by the one rule of
     * {@link Instants}; default: the last 30 days.
     */
    @GET
    @SignedAuth
    @Operation(
            operationId = "getDashboard",
            summary = "Get the dashboard",
            description = "Counts of actions by outcome, tokens distributed, active users, the pool's balance and the"
                    + " webhook delivery success rate, for the key's environment. `from`/`to` take ISO-8601 instants"
                    + " or dates (`to` as a date includes that day); the default window is the last 30 days.",
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.SIGNED))
    @APIResponse(
            responseCode = "200",
            description = "The dashboard.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Dashboard.class)))
    public Uni<Dashboard> dashboard(
            @Parameter(description = "Start of the window (inclusive).", example = "2026-11-01") @QueryParam("from")
                    String fromParam,
            @Parameter(description = "End of the window.", example = "2026-11-30T23:59:59Z") @QueryParam("to")
                    String toParam) {
        PartnerScope owner = Callers.scope(partner);
        List<ApiError.FieldError> errors = new ArrayList<>();
        Instant from = Instants.parse("from", fromParam, Instants.Edge.START, errors);
        Instant to = Instants.parse("to", toParam, Instants.Edge.END, errors);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return dashboard.summary(owner, from, to).map(s -> view(owner, s));
    }

    private static Dashboard view(PartnerScope owner, DashboardService.Summary s) {
        PartnerActivity a = s.activity();
        return new Dashboard(
                s.from(),
                s.to(),
                owner.environmentName(),
                new ActionCounts(a.completed(), a.reversed(), a.failed()),
                a.tokensDistributed(),
                a.activeUsers(),
                a.poolBalance(),
                s.webhookDeliverySuccessRate(),
                s.webhookDeliveriesPending());
    }
}
