package org.sirgiving.keys.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.sirgiving.kernel.persistence.UnitOfWork;
import org.sirgiving.keys.domain.RateWindow;
import org.sirgiving.keys.repository.RateBudgetStore;
import org.sirgiving.partnerauth.ratelimit.RateLeaseSource;

/**
 * The owner of every partner's per-minute request budget (docs/partner-api.md section 8). Services lease chunks of
 * it; the sum granted in a window never exceeds the limit, whichever replicas of keys-service answer (the window's row
 * is locked while a grant is decided).
 */
@ApplicationScoped
public class RateBudget implements RateLeaseSource {
    /** Old windows are of no use; an hour is kept for inspection. */
    private static final Duration KEPT = Duration.ofHours(1);

    private final UnitOfWork tx;
    private final RateBudgetStore windows;

    public RateBudget(UnitOfWork tx, RateBudgetStore windows) {
        this.tx = tx;
        this.windows = windows;
    }

    @Override
    public Uni<Lease> lease(String partnerId, String environment, long windowStart, int requested, int limit) {
        RateWindow window = new RateWindow(partnerId, environment, Instant.ofEpochSecond(windowStart));
        return tx.write(() -> windows.grantedForUpdate(window).chain(before -> {
            int grant = RateWindow.grant(requested, before, limit);
            return windows.addGranted(window, grant).replaceWith(new Lease(grant, before + grant));
        }));
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetOldWindows() {
        return tx.write(() -> windows.forgetBefore(tx.now().minus(KEPT))).replaceWithVoid();
    }
}
