package org.sirgiving.outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventJson;
import org.sirgiving.kernel.tracing.StoredTrace;

/**
 * Records events inside the caller's transaction, so that a change and its announcement commit or roll back
 * together. Call {@link OutboxRelay#kick()} after the commit to publish at once.
 */
@ApplicationScoped
public class Outbox {

    /**
     * One INSERT statement: the relay reads rows back by SQL, so no managed entity is needed (or paid for). The row
     * keeps the current trace context (the request's span, or the span of the record being consumed), which the relay
     * publishes with it.
     */
    public Uni<Void> enqueue(String topic, String recordKey, EventEnvelope event) {
        OutboxRelay.markEnqueued();
        StoredTrace trace = StoredTrace.current();
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "INSERT INTO outbox (topic, record_key, payload, created_at, traceparent,"
                                        + " tracestate) VALUES (:topic, :key, :payload, :now, :traceparent, :tracestate)")
                        .setParameter("topic", topic)
                        .setParameter("key", recordKey)
                        .setParameter("payload", EventJson.write(event))
                        .setParameter("now", Instant.now())
                        .setParameter("traceparent", trace.traceparent())
                        .setParameter("tracestate", trace.tracestate())
                        .executeUpdate())
                .replaceWithVoid();
    }
}
