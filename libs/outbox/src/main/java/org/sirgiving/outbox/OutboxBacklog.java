package org.sirgiving.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.jboss.logging.Logger;

/**
 * The outbox's backlog as gauges: how many rows are not published yet and how old the oldest of them is. The relay's
 * lag timer only records rows it published, so a stuck relay (broker refusing, credentials revoked) would be silent;
 * these read the table itself, on a short timer rather than on scrape (a scrape must not wait on the database).
 * The age is computed at scrape time from the last oldest row seen, so it keeps growing even if the reads fail.
 */
@ApplicationScoped
public class OutboxBacklog {
    private static final Logger LOG = Logger.getLogger(OutboxBacklog.class);

    private final Clock clock;
    private volatile long unpublished;
    /** created_at of the oldest unpublished row, null when none. */
    private volatile Instant oldest;

    public OutboxBacklog(MeterRegistry metrics, Clock clock) {
        this.clock = clock;
        Gauge.builder("sir.outbox.unpublished", () -> unpublished)
                .description("Outbox rows not yet published to Kafka")
                .register(metrics);
        Gauge.builder("sir.outbox.oldest.unpublished.age", this::oldestAgeSeconds)
                .description("Age of the oldest outbox row not yet published (0 when none)")
                .baseUnit("seconds")
                .register(metrics);
    }

    @Scheduled(
            every = "${sir.outbox.backlog-interval}",
            delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onTimer() {
        return refresh()
                .onFailure()
                .invoke(e -> LOG.debugf("Outbox backlog not read, keeping the last figures: %s", e.getMessage()))
                .onFailure()
                .recoverWithNull();
    }

    /**
     * Reads the backlog now. Both reads use the partial index of unpublished rows; ids grow with time, so the lowest
     * unpublished id is the oldest row.
     */
    public Uni<Void> refresh() {
        return Panache.withSession(() -> Panache.getSession()
                        .chain(s -> s.createNativeQuery(
                                        "SELECT (SELECT count(*) FROM outbox WHERE published_at IS NULL), "
                                                + "(SELECT created_at FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT 1)",
                                        Object[].class)
                                .getSingleResult()))
                .invoke(row -> {
                    unpublished = ((Number) row[0]).longValue();
                    oldest = row[1] == null ? null : toInstant(row[1]);
                })
                .replaceWithVoid();
    }

    private double oldestAgeSeconds() {
        Instant o = oldest;
        if (o == null) {
            return 0;
        }
        return Math.max(0, Duration.between(o, clock.instant()).toMillis() / 1000.0);
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException(
                "outbox.created_at read as " + value.getClass().getName());
    }
}
