package org.sirgiving.keys.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.sirgiving.partnerauth.ratelimit.RateLeaseSource;

/**
 * The owner of every partner's per-minute request budget (contract section 8). Services lease chunks of it; the
 * sum granted in a window never exceeds the limit, whichever replicas of keys-service answer (the window's row is
 * locked while a grant is decided).
 */
@ApplicationScoped
public class RateBudget implements RateLeaseSource {

    @Override
    public Uni<Lease> lease(String partnerId, String environment, long windowStart, int requested, int limit) {
        Instant window = Instant.ofEpochSecond(windowStart);
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "INSERT INTO rate_windows (partner_id, environment, window_start, granted) "
                                        + "VALUES (:p, :e, :w, 0) ON CONFLICT DO NOTHING")
                        .setParameter("p", partnerId)
                        .setParameter("e", environment)
                        .setParameter("w", window)
                        .executeUpdate()
                        .chain(() -> s.createNativeQuery(
                                        "SELECT granted FROM rate_windows WHERE partner_id = :p "
                                                + "AND environment = :e AND window_start = :w FOR UPDATE",
                                        Integer.class)
                                .setParameter("p", partnerId)
                                .setParameter("e", environment)
                                .setParameter("w", window)
                                .getSingleResult())
                        .chain(before -> {
                            int grant = Math.max(0, Math.min(requested, limit - before));
                            return s.createNativeQuery(
                                            "UPDATE rate_windows SET granted = granted + :g WHERE partner_id = :p "
                                                    + "AND environment = :e AND window_start = :w")
                                    .setParameter("g", grant)
                                    .setParameter("p", partnerId)
                                    .setParameter("e", environment)
                                    .setParameter("w", window)
                                    .executeUpdate()
                                    .replaceWith(new Lease(grant, before + grant));
                        })));
    }

    /** Old windows are of no use; keep an hour for inspection. */
    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetOldWindows() {
        return Panache.withTransaction(() -> Panache.getSession()
                        .chain(s -> s.createNativeQuery("DELETE FROM rate_windows WHERE window_start < :cutoff")
                                .setParameter("cutoff", Instant.now().minus(1, ChronoUnit.HOURS))
                                .executeUpdate()))
                .replaceWithVoid();
    }
}
