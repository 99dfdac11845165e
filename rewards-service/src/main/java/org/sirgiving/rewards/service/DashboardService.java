package org.sirgiving.rewards.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.persistence.UnitOfWork;
import org.sirgiving.rewards.domain.PartnerActivity;
import org.sirgiving.rewards.domain.PartnerScope;
import org.sirgiving.rewards.repository.DashboardStore;

/**
 * The partner's dashboard (docs/partner-api.md section 5) over a window that defaults to the last 30 days: this
 * service's own records, and the webhook delivery figures of webhook-dispatcher ({@link WebhookDeliveries}), asked at
 * the same time. Actions still PENDING are actions-service's and are not counted here.
 */
@ApplicationScoped
public class DashboardService {
    static final Duration DEFAULT_WINDOW = Duration.ofDays(30);

    private final UnitOfWork work;
    private final DashboardStore dashboard;
    private final WebhookDeliveries webhooks;

    /**
     * The window {@code [from, to)} the figures cover. {@code webhookDeliverySuccessRate}: delivered / decided among the
     * deliveries decided in the window, null when none was decided or webhook-dispatcher did not answer;
     * {@code webhookDeliveriesPending}: deliveries not decided yet (now), null when webhook-dispatcher did not answer.
     */
    public record Summary(
            Instant from,
            Instant to,
            PartnerActivity activity,
            Double webhookDeliverySuccessRate,
            Long webhookDeliveriesPending) {}

    public DashboardService(UnitOfWork work, DashboardStore dashboard, WebhookDeliveries webhooks) {
        this.work = work;
        this.dashboard = dashboard;
        this.webhooks = webhooks;
    }

    /** {@code to} null: now; {@code from} null: 30 days before {@code to}. */
    public Uni<Summary> summary(PartnerScope owner, Instant from, Instant to) {
        Instant end = to == null ? work.now() : to;
        Instant start = from == null ? end.minus(DEFAULT_WINDOW) : from;
        if (!start.isBefore(end)) {
            throw ApiException.validation("from", "must be before to");
        }
        return Uni.combine()
                .all()
                .unis(work.read(() -> dashboard.activity(owner, start, end)), webhooks.countsOrNull(owner, start, end))
                .with((activity, deliveries) -> new Summary(
                        start,
                        end,
                        activity,
                        deliveries == null ? null : successRate(deliveries.delivered(), deliveries.failed()),
                        deliveries == null ? null : deliveries.pending()));
    }

    /** delivered / (delivered + failed), rounded half-up to 4 decimals; null when nothing was decided. */
    static Double successRate(long delivered, long failed) {
        long decided = delivered + failed;
        if (decided == 0) {
            return null;
        }
        return BigDecimal.valueOf(delivered)
                .divide(BigDecimal.valueOf(decided), 4, RoundingMode.HALF_UP)
                .doubleValue();
    }
}
