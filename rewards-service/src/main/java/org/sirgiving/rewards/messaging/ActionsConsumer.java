package org.sirgiving.rewards.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.sirgiving.kernel.messaging.PartitionBatches;
import org.sirgiving.rewards.service.ActionRecords;

/**
 * Rewards each accepted action and undoes each reversal request (both on {@code sir.actions.v1}, keyed by partner,
 * so a partner's reversal is processed after the action it reverses). What one poll returns is processed a partition
 * at a time, one transaction per partition's batch ({@link PartitionBatches}); several consumers per replica
 * ({@code concurrency}) take different partitions at once. The offsets are committed after the transaction.
 * <p>
 * An action that can never be rewarded for a reason of its own (its data cannot be stored, its reward overflows, a
 * rule throws) is decided as {@code action.failed} with {@code REWARD_OVERFLOW} or {@code INVALID_ACTION}, so its
 * partner sees the failure and may resubmit the key: no record leaves an action PENDING.
 */
@ApplicationScoped
public class ActionsConsumer {
    private final ActionRecords actions;
    private final PartitionBatches batches;

    public ActionsConsumer(ActionRecords actions, PartitionBatches batches) {
        this.actions = actions;
        this.batches = batches;
    }

    @Incoming("actions-in")
    public Uni<Void> onActions(ConsumerRecords<String, String> records) {
        return batches.process(
                records,
                batch -> actions.processBatch(
                        batch.stream().map(PartitionBatches.Parsed::event).toList()),
                (p, failure) -> actions.decide(p.event(), failure));
    }
}
