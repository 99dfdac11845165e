package org.sirgiving.webhooks.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.sirgiving.partnerauth.messaging.RecordProcessing;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventJson;
import org.sirgiving.webhooks.service.DeliveryQueue;

/**
 * Lifecycle events become deliveries. The returned Uni completes after the deliveries committed, so the offset is
 * committed only then; a record seen again creates nothing twice, and a poison record goes to
 * {@code sir.reward-lifecycle.v1.dlq} instead of blocking the partition.
 */
@ApplicationScoped
public class LifecycleConsumer {
    private final DeliveryQueue queue;

    public LifecycleConsumer(DeliveryQueue queue) {
        this.queue = queue;
    }

    @Incoming("lifecycle-in")
    public Uni<Void> onEvent(String json) {
        EventEnvelope event = EventJson.readEnvelope(json);
        return RecordProcessing.retryWhileDatabaseDown(() -> queue.enqueue(event)).replaceWithVoid();
    }
}
