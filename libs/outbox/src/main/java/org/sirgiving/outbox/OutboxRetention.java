package org.sirgiving.outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.sirgiving.kernel.persistence.Batches;
import org.sirgiving.kernel.persistence.UnitOfWork;

/**
 * Keeps the outbox bounded: a published row has done its work (consumers dedupe on the event id, so it is never needed
 * again) and is deleted {@code sir.retention.outbox.days} after its publication; an unpublished row is never deleted.
 * Deletes run in batches of {@code sir.retention.batch-size}, each its own short transaction; rows are taken with
 * {@code SKIP LOCKED}, so replicas running the job at the same time split the work instead of waiting for each other.
 */
@ApplicationScoped
public class OutboxRetention {
    private static final Logger LOG = Logger.getLogger(OutboxRetention.class);

    private static final String DELETE_BATCH = """
            DELETE FROM outbox WHERE id IN (
                SELECT id FROM outbox WHERE published_at < :cutoff
                ORDER BY published_at LIMIT :n FOR UPDATE SKIP LOCKED)""";

    private final UnitOfWork tx;
    private final Duration kept;
    private final int batchSize;
    private volatile boolean stopping;

    public OutboxRetention(
            UnitOfWork tx,
            @ConfigProperty(name = "sir.retention.outbox.days") int days,
            @ConfigProperty(name = "sir.retention.batch-size") int batchSize) {
        this.tx = tx;
        this.kept = Duration.ofDays(days);
        this.batchSize = batchSize;
    }

    /** The pool closes at shutdown: no new batch starts from then on (the rest waits for the next run). */
    void onShutdown(@Observes ShutdownEvent event) {
        stopping = true;
    }

    @Scheduled(
            every = "${sir.retention.interval}",
            delayed = "${sir.retention.delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onTimer() {
        return purge().onFailure()
                .invoke(e -> LOG.warnf("Outbox retention deferred to its next run: %s", e.toString()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    /** Deletes every row published more than the kept days ago; returns how many this replica deleted. */
    public Uni<Long> purge() {
        Instant cutoff = tx.now().minus(kept);
        return Batches.untilShort(
                        batchSize,
                        () -> stopping,
                        () -> tx.write(() -> Panache.getSession()
                                .chain(s -> s.createNativeQuery(DELETE_BATCH)
                                        .setParameter("cutoff", cutoff)
                                        .setParameter("n", batchSize)
                                        .executeUpdate())))
                .invoke(deleted -> {
                    if (deleted > 0) {
                        LOG.infof("Outbox retention deleted %d rows published before %s", deleted, cutoff);
                    }
                });
    }
}
