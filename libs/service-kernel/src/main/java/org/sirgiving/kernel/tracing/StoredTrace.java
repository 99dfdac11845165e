package org.sirgiving.kernel.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * A trace context as stored with work that continues later (an outbox row, a webhook delivery): the W3C
 * {@code traceparent} and {@code tracestate} texts, also the names of the Kafka record headers that carry them. Work
 * done later continues the trace of the moment the row was written, not of whatever runs it (a relay, a poller).
 */
public record StoredTrace(String traceparent, String tracestate) {
    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    public static final StoredTrace NONE = new StoredTrace(null, null);

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    /** The current context's span, or {@link #NONE} when there is no valid one. */
    public static StoredTrace current() {
        return of(Context.current());
    }

    public static StoredTrace of(Span span) {
        return of(Context.root().with(span));
    }

    public static StoredTrace of(Context context) {
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return NONE;
        }
        Map<String, String> carrier = new HashMap<>(2);
        W3C.inject(context, carrier, Map::put);
        return new StoredTrace(carrier.get(TRACEPARENT), carrier.get(TRACESTATE));
    }

    /** The context read back from Kafka record headers (the last of each name wins, as a re-sent record adds one). */
    public static StoredTrace of(Headers headers) {
        return new StoredTrace(text(headers.lastHeader(TRACEPARENT)), text(headers.lastHeader(TRACESTATE)));
    }

    public boolean present() {
        return traceparent != null;
    }

    /** The stored context as a parent; {@link Context#root()} when nothing (or nothing well-formed) was stored. */
    public Context asParent() {
        if (traceparent == null) {
            return Context.root();
        }
        return W3C.extract(Context.root(), this, GETTER);
    }

    /** Puts the context into Kafka record headers, replacing any there. */
    public void writeTo(Headers headers) {
        headers.remove(TRACEPARENT);
        headers.remove(TRACESTATE);
        if (traceparent != null) {
            headers.add(TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
        }
        if (tracestate != null && !tracestate.isEmpty()) {
            headers.add(TRACESTATE, tracestate.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String text(Header header) {
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static final TextMapGetter<StoredTrace> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(StoredTrace carrier) {
            return List.of(TRACEPARENT, TRACESTATE);
        }

        @Override
        public String get(StoredTrace carrier, String key) {
            if (carrier == null) {
                return null;
            }
            return switch (key) {
                case TRACEPARENT -> carrier.traceparent;
                case TRACESTATE -> carrier.tracestate;
                default -> null;
            };
        }
    };
}
