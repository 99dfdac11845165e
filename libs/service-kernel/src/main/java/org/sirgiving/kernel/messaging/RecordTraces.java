package org.sirgiving.kernel.messaging;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.kernel.tracing.StoredTrace;

/**
 * One consumer span per Kafka record, continuing the trace its headers carry ({@link StoredTrace}), so a trace runs
 * from a request through every service the event reaches. A consumer takes a partition's records in one transaction;
 * {@link #within} makes the record's span current while its own share of that work runs, so what it writes (statements,
 * outbox rows, deliveries) belongs to its trace and not to its neighbours'.
 */
@ApplicationScoped
public class RecordTraces {
    private static final String SPANS = "sir.recordSpans";
    private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
    private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<String> PARTITION = AttributeKey.stringKey("messaging.destination.partition.id");
    private static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.offset");
    private static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    private static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("sir.event.type");

    private final Tracer tracer;

    public RecordTraces(Tracer tracer) {
        this.tracer = tracer;
    }

    /** The span of one record taken from Kafka, child of the context in its headers; the caller ends it. */
    public Span start(ConsumerRecord<String, String> record, EventEnvelope event) {
        var builder = tracer.spanBuilder("process " + record.topic())
                .setParent(StoredTrace.of(record.headers()).asParent())
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute(SYSTEM, "kafka")
                .setAttribute(OPERATION, "process")
                .setAttribute(DESTINATION, record.topic())
                .setAttribute(PARTITION, String.valueOf(record.partition()))
                .setAttribute(OFFSET, record.offset());
        if (event != null) {
            builder.setAttribute(MESSAGE_ID, event.id()).setAttribute(EVENT_TYPE, event.type());
        }
        return builder.startSpan();
    }

    /** Marks a record's span failed (its work failed for a reason of its own). */
    static void failed(Span span, Throwable failure) {
        span.recordException(failure);
        span.setStatus(StatusCode.ERROR);
    }

    /**
     * Runs one record's work with that record's span current. Outside a consumer's batch (a use case called directly)
     * the work runs as it is.
     */
    public <T> Uni<T> within(EventEnvelope event, Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            Span span = spans().get(event);
            if (span == null) {
                return work.get();
            }
            Scope scope = Context.current().with(span).makeCurrent();
            try {
                return work.get().eventually(() -> scope.close());
            } catch (RuntimeException e) {
                scope.close();
                throw e;
            }
        });
    }

    /** Registers the batch's spans for {@link #within} on the consumer's Vert.x context (one batch at a time). */
    void register(Map<EventEnvelope, Span> spans) {
        var context = Vertx.currentContext();
        if (context != null) {
            context.putLocal(SPANS, spans);
        }
    }

    void unregister(Map<EventEnvelope, Span> spans) {
        var context = Vertx.currentContext();
        if (context != null && context.getLocal(SPANS) == spans) {
            context.removeLocal(SPANS);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<EventEnvelope, Span> spans() {
        var context = Vertx.currentContext();
        Object spans = context == null ? null : context.getLocal(SPANS);
        return spans == null ? Map.of() : (Map<EventEnvelope, Span>) spans;
    }

    static Map<EventEnvelope, Span> newRegistry() {
        return new IdentityHashMap<>();
    }
}
