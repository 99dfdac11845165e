package org.sirgiving.outbox;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventJson;

import java.time.Instant;

/**
 * Records events inside the caller's transaction, so that a change and its announcement commit or roll back
 * together. Call {@link OutboxRelay#kick()} after the commit to publish at once.
 */
@ApplicationScoped
public class Outbox {

    public Uni<Void> enqueue(String topic, String recordKey, EventEnvelope event) {
        OutboxRecord r = new OutboxRecord();
        r.topic = topic;
        r.recordKey = recordKey;
        r.payload = EventJson.write(event);
        r.createdAt = Instant.now();
        return r.persist().replaceWithVoid();
    }
}
