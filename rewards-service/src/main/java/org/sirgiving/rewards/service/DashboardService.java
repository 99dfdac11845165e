package org.sirgiving.rewards.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.persistence.UnitOfWork;
import org.sirgiving.rewards.domain.PartnerActivity;
import org.sirgiving.rewards.domain.PartnerScope;
import org.sirgiving.rewards.repository.DashboardStore;

/**
 * The partner's dashboard (docs/partner-api.md section 5) from this service's own records, over a window that
 * defaults to the last 30 days. Actions still PENDING are actions-service's and webhook deliveries
 * webhook-dispatcher's: neither is here.
 */
@ApplicationScoped
public class DashboardService {
    static final Duration DEFAULT_WINDOW = Duration.ofDays(30);

    private final UnitOfWork work;
    private final DashboardStore dashboard;

    /** The window {@code [from, to)} the figures cover. */
    public record Summary(Instant from, Instant to, PartnerActivity activity) {}

    public DashboardService(UnitOfWork work, DashboardStore dashboard) {
        this.work = work;
        this.dashboard = dashboard;
    }

    /** {@code to} null: now; {@code from} null: 30 days before {@code to}. */
    public Uni<Summary> summary(PartnerScope owner, Instant from, Instant to) {
        Instant end = to == null ? work.now() : to;
        Instant start = from == null ? end.minus(DEFAULT_WINDOW) : from;
        if (!start.isBefore(end)) {
            throw ApiException.validation("from", "must be before to");
        }
        return work.read(() -> dashboard.activity(owner, start, end))
                .map(activity -> new Summary(start, end, activity));
    }
}
