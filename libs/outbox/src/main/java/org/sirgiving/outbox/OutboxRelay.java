package org.sirgiving.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.sirgiving.kernel.persistence.AfterCommit;
import org.sirgiving.kernel.tracing.StoredTrace;

/**
 * Publishes outbox rows to Kafka and marks them sent. Runs right after a commit ({@link #kick()}) and on a
 * timer, which re-publishes whatever a crash or a broker outage left behind. Rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so replicas never publish the same row at the same time; a crash between
 * send and mark publishes a row twice, which consumers absorb (they dedupe on the event id).
 */
@ApplicationScoped
public class OutboxRelay implements AfterCommit {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private static final String ENQUEUED = "sir.outbox.enqueued";
    private static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> MESSAGING_OPERATION = AttributeKey.stringKey("messaging.operation.type");
    private static final AttributeKey<String> MESSAGING_DESTINATION =
            AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<Long> OUTBOX_ROW = AttributeKey.longKey("sir.outbox.row");

    private final MutinyEmitter<String> emitter;
    private final int batchSize;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final Timer lag;
    private final Vertx vertx;
    private final Tracer tracer;
    private volatile boolean stopping;

    public OutboxRelay(
            @Channel("outbox-out") MutinyEmitter<String> emitter,
            @ConfigProperty(name = "sir.outbox.batch-size") int batchSize,
            MeterRegistry metrics,
            Vertx vertx,
            Tracer tracer) {
        this.emitter = emitter;
        this.tracer = tracer;
        this.batchSize = batchSize;
        this.vertx = vertx;
        // Outbox lag: from the commit that wrote a row to its publication.
        this.lag = Timer.builder("sir.outbox.publish.lag").register(metrics);
    }

    /**
     * Publish now what was just committed, if the unit of work recorded anything: most transactions (stored
     * outcomes, rate leases) write no outbox row, and a kick costs a query. The mark lives on the request's or
     * record's Vert.x context and is not cleared, so a nested unit of work cannot hide it from the outer commit.
     * Never fails the caller: the timer retries.
     */
    @Override
    public void committed() {
        Context context = Vertx.currentContext();
        if (context == null || Boolean.TRUE.equals(context.getLocal(ENQUEUED))) {
            kick();
        }
    }

    /** Called by {@link Outbox#enqueue}: this context's unit of work has rows to publish after its commit. */
    static void markEnqueued() {
        Context context = Vertx.currentContext();
        if (context != null) {
            context.putLocal(ENQUEUED, Boolean.TRUE);
        }
    }

    public void kick() {
        if (stopping) {
            return;
        }
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        // A context of its own: the caller's (a request's) Hibernate session must not be shared.
        Context ctx = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(ctx, true);
        ctx.runOnContext(v ->
                drainLoop().subscribe().with(ok -> {}, e -> LOG.debugf("Outbox publish deferred: %s", e.getMessage())));
    }

    /** From shutdown on, nothing new starts: the database pool is about to close (unsent rows stay for next time). */
    void onShutdown(@Observes ShutdownEvent event) {
        stopping = true;
    }

    @Scheduled(
            every = "${sir.outbox.poll-interval}",
            delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onTimer() {
        if (stopping || !running.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        return drainLoop()
                .onFailure()
                .invoke(e -> LOG.debugf("Outbox publish deferred, will retry: %s", e.getMessage()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    private Uni<Void> drainLoop() {
        again.set(false);
        // Deferred, so that even a synchronous failure releases the single-flight flag.
        return Uni.createFrom()
                .deferred(this::drainBatch)
                .eventually(() -> running.set(false))
                .chain(sent -> {
                    if ((sent >= batchSize || again.get()) && running.compareAndSet(false, true)) {
                        return drainLoop();
                    }
                    return Uni.createFrom().voidItem();
                });
    }

    /** One claimed row, as read (no managed entity: the relay only reads and then marks rows). */
    private record Row(long id, String topic, String key, String payload, Instant createdAt, StoredTrace trace) {}

    /**
     * Publishes one batch in one transaction; returns how many rows it sent. All sends of a batch are in flight at
     * once (the idempotent producer keeps each partition's order), and the sent rows are marked in one statement.
     */
    Uni<Integer> drainBatch() {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "SELECT id, topic, record_key, payload, created_at, traceparent, tracestate FROM outbox "
                                        + "WHERE published_at IS NULL ORDER BY id LIMIT :n FOR UPDATE SKIP LOCKED",
                                Object[].class)
                        .setParameter("n", batchSize)
                        .getResultList()
                        .map(rows -> rows.stream()
                                .map(r -> new Row(
                                        ((Number) r[0]).longValue(),
                                        (String) r[1],
                                        (String) r[2],
                                        (String) r[3],
                                        toInstant(r[4]),
                                        new StoredTrace((String) r[5], (String) r[6])))
                                .toList())
                        .chain(rows -> publish(rows)
                                .chain(sent -> sent.isEmpty()
                                        ? Uni.createFrom().item(0)
                                        : s.createNativeQuery(
                                                        "UPDATE outbox SET published_at = :now WHERE id IN (:ids)")
                                                .setParameter("now", Instant.now())
                                                .setParameter("ids", sent)
                                                .executeUpdate()
                                                .replaceWith(rows.size())))));
    }

    /** The ids of the rows the broker acknowledged; a failed send leaves its row for the next pass. */
    private Uni<List<Long>> publish(List<Row> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<Long>> sends = rows.stream().map(this::send).toList();
        return Uni.join()
                .all(sends)
                .andCollectFailures()
                .map(ids -> ids.stream().filter(Objects::nonNull).toList());
    }

    /**
     * One row to Kafka. A row written under a trace is published by a producer span of that trace, started when the
     * row was written (so the span shows the outbox's lag), and the record's headers carry that span as the parent of
     * the consumers' spans.
     */
    private Uni<Long> send(Row r) {
        Span span = r.trace().present() ? publishSpan(r) : Span.getInvalid();
        RecordHeaders headers = new RecordHeaders();
        StoredTrace.of(span).writeTo(headers);
        return emitter.sendMessage(Message.of(r.payload())
                        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                                .withTopic(r.topic())
                                .withKey(r.key())
                                .withHeaders(headers)
                                .build()))
                .map(ok -> {
                    lag.record(Duration.between(r.createdAt(), Instant.now()));
                    span.end();
                    return r.id();
                })
                .onFailure()
                .invoke(e -> {
                    LOG.debugf("Outbox row %d not sent yet: %s", r.id(), e.getMessage());
                    // The row is sent again later, by a span of its own.
                    span.setStatus(StatusCode.ERROR, "not sent yet");
                    span.end();
                })
                .onFailure()
                .recoverWithNull();
    }

    private Span publishSpan(Row r) {
        return tracer.spanBuilder("publish " + r.topic())
                .setParent(r.trace().asParent())
                .setSpanKind(SpanKind.PRODUCER)
                .setStartTimestamp(r.createdAt())
                .setAttribute(MESSAGING_SYSTEM, "kafka")
                .setAttribute(MESSAGING_OPERATION, "publish")
                .setAttribute(MESSAGING_DESTINATION, r.topic())
                .setAttribute(OUTBOX_ROW, r.id())
                .startSpan();
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
