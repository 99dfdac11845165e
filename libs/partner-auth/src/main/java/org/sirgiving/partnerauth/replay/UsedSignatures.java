package org.sirgiving.partnerauth.replay;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.sirgiving.kernel.persistence.UnitOfWork;

/**
 * The signatures of the signed mutating requests this service accepted, in its own database (table
 * {@code used_signature}, migration {@code db/replay} shipped with this library), so that every replica sees them.
 * A row is kept until its timestamp has left the signature window everywhere; after that the request is refused as
 * stale anyway.
 */
@ApplicationScoped
public class UsedSignatures {
    /** Past the ±300 s window, for replicas whose clocks run a little behind. */
    private static final Duration KEPT_PAST_WINDOW = Duration.ofSeconds(60);
    /** Prune only while this replica records signatures (keys-service records none: it has no such table). */
    private static final Duration PRUNE_WHILE_ACTIVE_FOR = Duration.ofMinutes(15);

    private final UnitOfWork tx;
    /** Wall-clock, as the signature window that X-Timestamp is checked against. */
    private final Clock clock = Clock.systemUTC();

    private volatile Instant lastRecorded = Instant.EPOCH;

    public UsedSignatures(UnitOfWork tx) {
        this.tx = tx;
    }

    /** Records the signature; true when this is its first use, false when a replica already accepted it. */
    public Uni<Boolean> firstUse(String signature, long timestampSeconds, long windowSeconds) {
        lastRecorded = clock.instant();
        Instant expiresAt =
                Instant.ofEpochSecond(timestampSeconds + windowSeconds).plus(KEPT_PAST_WINDOW);
        return tx.write(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery("INSERT INTO used_signature (signature, expires_at)"
                                + " VALUES (:signature, :expiresAt) ON CONFLICT DO NOTHING")
                        .setParameter("signature", signature)
                        .setParameter("expiresAt", expiresAt)
                        .executeUpdate())
                .map(inserted -> inserted == 1));
    }

    /** Deletes the expired rows: one indexed range delete a minute. */
    @Scheduled(
            every = "${sir.replay.prune-interval}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> prune() {
        Instant now = clock.instant();
        if (lastRecorded.isBefore(now.minus(PRUNE_WHILE_ACTIVE_FOR))) {
            return Uni.createFrom().voidItem();
        }
        return tx.write(() -> Panache.getSession()
                        .chain(s -> s.createNativeQuery("DELETE FROM used_signature WHERE expires_at < :now")
                                .setParameter("now", now)
                                .executeUpdate()))
                .replaceWithVoid();
    }
}
