package org.sirgiving.webhooks.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.sirgiving.kernel.messaging.PartitionBatches;
import org.sirgiving.webhooks.service.DeliveryQueue;
import org.sirgiving.webhooks.service.DeliveryWorker;

/**
 * Lifecycle events become deliveries: a poll's batch per partition in one transaction ({@link PartitionBatches}).
 * The returned Uni completes after the deliveries committed, so the offsets are committed only then; an event seen
 * again creates nothing twice (one delivery per endpoint and event id). An event that cannot be queued for a reason of
 * its own has nothing to decide here: it goes to {@code sir.reward-lifecycle.v1.dlq}, logged, counted and re-drivable.
 */
@ApplicationScoped
public class LifecycleConsumer {
    private final DeliveryQueue queue;
    private final DeliveryWorker worker;
    private final PartitionBatches batches;

    public LifecycleConsumer(DeliveryQueue queue, DeliveryWorker worker, PartitionBatches batches) {
        this.queue = queue;
        this.worker = worker;
        this.batches = batches;
    }

    @Incoming("lifecycle-in")
    public Uni<Void> onEvents(ConsumerRecords<String, String> records) {
        return batches.process(
                        records,
                        batch -> queue.enqueue(batch.stream()
                                .map(PartitionBatches.Parsed::event)
                                .toList()),
                        null)
                // Committed: send them now rather than at the next poll.
                .invoke(worker::kick);
    }
}
