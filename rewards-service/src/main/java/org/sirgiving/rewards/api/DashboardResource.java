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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sirgiving.kernel.errors.ApiError;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.http.Instants;
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

    public record ActionCounts(long completed, long reversed, long failed) {}

    public record Dashboard(
            Instant from,
            Instant to,
            String environment,
            ActionCounts actions,
            long tokensDistributed,
            long activeUsers,
            Long poolBalance,
            Double webhookDeliverySuccessRate,
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
    public Uni<Dashboard> dashboard(@QueryParam("from") String fromParam, @QueryParam("to") String toParam) {
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
