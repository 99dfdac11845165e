package org.sirgiving.rewards.api;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sirgiving.kernel.errors.ApiException;
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

    /** {@code from}/{@code to}: ISO-8601 instants or dates ({@code to} as a date includes that day); default: the last 30 days. */
    @GET
    @SignedAuth
    public Uni<Dashboard> dashboard(@QueryParam("from") String fromParam, @QueryParam("to") String toParam) {
        PartnerScope owner = Callers.scope(partner);
        Instant to = toParam == null ? null : parse("to", toParam, true);
        Instant from = fromParam == null ? null : parse("from", fromParam, false);
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

    private static Instant parse(String field, String value, boolean endOfDay) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            try {
                LocalDate d = LocalDate.parse(value);
                return (endOfDay ? d.plusDays(1) : d)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
            } catch (DateTimeParseException e) {
                throw ApiException.validation(
                        field, "must be an ISO-8601 instant (2026-05-10T09:12:00Z) or date (2026-05-10)");
            }
        }
    }
}
