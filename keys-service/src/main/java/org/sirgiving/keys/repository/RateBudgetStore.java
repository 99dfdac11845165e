package org.sirgiving.keys.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.hibernate.reactive.mutiny.Mutiny;
import org.sirgiving.keys.domain.RateWindow;

/** The per-minute request budgets (table rate_windows): how much of each window was granted so far. */
@ApplicationScoped
public class RateBudgetStore {

    /**
     * What the window granted so far, its row created when missing and locked until the transaction ends, so that
     * grants from any replica are decided one after the other.
     */
    public Uni<Integer> grantedForUpdate(RateWindow window) {
        return Panache.getSession().chain(s -> open(s, window).chain(() -> lockedGranted(s, window)));
    }

    public Uni<Void> addGranted(RateWindow window, int granted) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("UPDATE rate_windows SET granted = granted + :g"
                                + " WHERE partner_id = :p AND environment = :e AND window_start = :w")
                        .setParameter("g", granted)
                        .setParameter("p", window.partnerId())
                        .setParameter("e", window.environment())
                        .setParameter("w", window.start())
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Deletes the windows that started before {@code cutoff}; returns how many. */
    public Uni<Integer> forgetBefore(Instant cutoff) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("DELETE FROM rate_windows WHERE window_start < :cutoff")
                        .setParameter("cutoff", cutoff)
                        .executeUpdate());
    }

    private static Uni<Integer> open(Mutiny.Session s, RateWindow window) {
        return s.createNativeQuery("INSERT INTO rate_windows (partner_id, environment, window_start, granted)"
                        + " VALUES (:p, :e, :w, 0) ON CONFLICT DO NOTHING")
                .setParameter("p", window.partnerId())
                .setParameter("e", window.environment())
                .setParameter("w", window.start())
                .executeUpdate();
    }

    private static Uni<Integer> lockedGranted(Mutiny.Session s, RateWindow window) {
        return s.createNativeQuery(
                        "SELECT granted FROM rate_windows WHERE partner_id = :p AND environment = :e"
                                + " AND window_start = :w FOR UPDATE",
                        Integer.class)
                .setParameter("p", window.partnerId())
                .setParameter("e", window.environment())
                .setParameter("w", window.start())
                .getSingleResult();
    }
}
