package org.sirgiving.keys.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.sirgiving.kernel.persistence.UnitOfWork;
import org.sirgiving.keys.domain.RateWindow;
import org.sirgiving.keys.repository.PartnerStore;
import org.sirgiving.keys.repository.RateBudgetStore;
import org.sirgiving.partnerauth.ratelimit.RateLeaseSource;

/**
 * The owner of every partner's per-minute request budget (docs/partner-api.md section 8). Services lease chunks of
 * it; the sum granted in a window never exceeds the limit, whichever replicas of keys-service answer (the window's row
 * is locked while a grant is decided). The limit is the partner's as stored here, not the caller's: an operator's
 * change holds for every grant from its commit on, however late it reaches a service's credential cache.
 */
@ApplicationScoped
public class RateBudget implements RateLeaseSource {
    /** Old windows are of no use; an hour is kept for inspection. */
    private static final Duration KEPT = Duration.ofHours(1);

    private final UnitOfWork tx;
    private final RateBudgetStore windows;
    private final PartnerStore partners;

    public RateBudget(UnitOfWork tx, RateBudgetStore windows, PartnerStore partners) {
        this.tx = tx;
        this.windows = windows;
        this.partners = partners;
    }

    /** @param callersLimit used only for a partner unknown here */
    @Override
    public Uni<Lease> lease(String partnerId, String environment, long windowStart, int requested, int callersLimit) {
        RateWindow window = new RateWindow(partnerId, environment, Instant.ofEpochSecond(windowStart));
        return tx.write(() -> windows.grantedForUpdate(window)
                .chain(before -> partners.rateLimitOf(partnerId).chain(stored -> {
                    int limit = stored != null ? stored : callersLimit;
                    int grant = RateWindow.grant(requested, before, limit);
                    return windows.addGranted(window, grant).replaceWith(new Lease(grant, before + grant, limit));
                })));
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetOldWindows() {
        return tx.write(() -> windows.forgetBefore(tx.now().minus(KEPT))).replaceWithVoid();
    }
}
