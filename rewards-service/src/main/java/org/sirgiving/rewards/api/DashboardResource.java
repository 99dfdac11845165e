package org.sirgiving.rewards.api;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.partnerauth.auth.AuthenticatedPartner;
import org.sirgiving.partnerauth.auth.PartnerContext;
import org.sirgiving.partnerauth.auth.SignedAuth;

/**
 * {@code GET /v1/partner/dashboard?from=&to=} (contract section 5), from this service's own records: actions it
 * rewarded (COMPLETED, or REVERSED since) and refused (FAILED, not rewarded since) within the window, net tokens
 * distributed (rewards minus reversals booked in the window), users rewarded in the window, and the pool's current
 * balance. Actions still PENDING are actions-service's and webhook delivery is webhook-dispatcher's: neither is here
 * ({@code webhookDeliverySuccessRate} is null).
 */
@Path("/v1/partner/dashboard")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dashboard")
public class DashboardResource {
    private static final Duration DEFAULT_WINDOW = Duration.ofDays(30);

    private final PartnerContext partner;
    private final Clock clock;

    public record ActionCounts(long completed, long reversed, long failed) {}

    public record Dashboard(
            Instant from,
            Instant to,
            String environment,
            ActionCounts actions,
            long tokensDistributed,
            long activeUsers,
            Long poolBalance,
            Double webhookDeliverySuccessRate) {}

    public DashboardResource(PartnerContext partner, Clock clock) {
        this.partner = partner;
        this.clock = clock;
    }

    /** {@code from}/{@code to}: ISO-8601 instants or dates ({@code to} as a date includes that day); default: the last 30 days. */
    @GET
    @SignedAuth
    @WithSession
    public Uni<Dashboard> dashboard(@QueryParam("from") String fromParam, @QueryParam("to") String toParam) {
        AuthenticatedPartner p = partner.partner();
        Instant to = toParam == null ? clock.instant() : parse("to", toParam, true);
        Instant from = fromParam == null ? to.minus(DEFAULT_WINDOW) : parse("from", fromParam, false);
        if (!from.isBefore(to)) {
            throw ApiException.validation("from", "must be before to");
        }
        String env = p.environment().wireName();
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "SELECT "
                                        + "(SELECT count(*) FROM rewards WHERE partner_id = :p AND environment = :e AND status = 'COMPLETED' "
                                        + "  AND created_at >= :from AND created_at < :to), "
                                        + "(SELECT count(*) FROM rewards WHERE partner_id = :p AND environment = :e AND status = 'REVERSED' "
                                        + "  AND created_at >= :from AND created_at < :to), "
                                        + "(SELECT count(*) FROM failed_actions WHERE partner_id = :p AND environment = :e "
                                        + "  AND failed_at >= :from AND failed_at < :to), "
                                        + "(SELECT COALESCE(-SUM(l.amount), 0)::bigint FROM ledger_entries l JOIN token_pools tp ON tp.id = l.pool_id "
                                        + "  WHERE tp.partner_id = :p AND tp.environment = :e AND l.entry_type IN ('REWARD', 'REVERSAL') "
                                        + "  AND l.created_at >= :from AND l.created_at < :to), "
                                        + "(SELECT count(DISTINCT user_id) FROM transactions WHERE partner_id = :p AND environment = :e "
                                        + "  AND type = 'REWARD' AND created_at >= :from AND created_at < :to), "
                                        + "(SELECT balance FROM token_pools WHERE partner_id = :p AND environment = :e)",
                                Object[].class)
                        .setParameter("p", p.partnerId())
                        .setParameter("e", env)
                        .setParameter("from", from)
                        .setParameter("to", to)
                        .getSingleResult())
                .map(r -> new Dashboard(
                        from,
                        to,
                        env,
                        new ActionCounts(n(r[0]), n(r[1]), n(r[2])),
                        n(r[3]),
                        n(r[4]),
                        r[5] == null ? null : n(r[5]),
                        null));
    }

    private static long n(Object o) {
        return ((Number) o).longValue();
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
