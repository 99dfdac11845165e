package org.sirgiving.webhooks.service;

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
import org.sirgiving.webhooks.repository.DeliveryStore;

/**
 * Keeps deliveries bounded: one that ended (delivered, exhausted, or ended by its endpoint's disabling) is deleted with
 * its attempts {@code sir.retention.deliveries.days} after it ended; one still open (waiting for an attempt or a retry,
 * or being sent) is never deleted. The default keeps every delivery the dashboard's default 30-day window counts, with
 * room to spare (docs/operations.md "Retention"). Batches of {@code sir.retention.batch-size}, each its own short
 * transaction.
 */
@ApplicationScoped
public class DeliveryRetention {
    private static final Logger LOG = Logger.getLogger(DeliveryRetention.class);

    private final UnitOfWork work;
    private final DeliveryStore deliveries;
    private final Duration kept;
    private final int batchSize;
    private volatile boolean stopping;

    public DeliveryRetention(
            UnitOfWork work,
            DeliveryStore deliveries,
            @ConfigProperty(name = "sir.retention.deliveries.days") int days,
            @ConfigProperty(name = "sir.retention.batch-size") int batchSize) {
        this.work = work;
        this.deliveries = deliveries;
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
                .invoke(e -> LOG.warnf("Delivery retention deferred to its next run: %s", e.toString()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    /** Deletes every delivery that ended more than the kept days ago, with its attempts; how many this replica did. */
    public Uni<Long> purge() {
        Instant cutoff = work.now().minus(kept);
        return Batches.untilShort(
                        batchSize,
                        () -> stopping,
                        () -> work.write(() -> deliveries.deleteEndedBefore(cutoff, batchSize)))
                .invoke(deleted -> {
                    if (deleted > 0) {
                        LOG.infof("Delivery retention deleted %d deliveries that ended before %s", deleted, cutoff);
                    }
                });
    }
}
