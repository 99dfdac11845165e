package org.sirgiving.donations.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.sirgiving.donations.service.DonationService;
import org.sirgiving.events.ActionType;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.payload.ActionOutcome;
import org.sirgiving.kernel.messaging.PartitionBatches;

/**
 * The rewards of this service's DONATION actions: rewards-service announces them on {@code sir.reward-lifecycle.v1}
 * like any action's outcome; each is stored on its charge once (a poll's batch per partition in one transaction).
 * Outcomes of other actions, and the other lifecycle events (our own donation.* among them), are skipped.
 */
@ApplicationScoped
public class RewardOutcomeConsumer {
    private final DonationService donations;
    private final PartitionBatches batches;

    public RewardOutcomeConsumer(DonationService donations, PartitionBatches batches) {
        this.donations = donations;
        this.batches = batches;
    }

    @Incoming("lifecycle-in")
    public Uni<Void> store(ConsumerRecords<String, String> records) {
        return batches.process(records, batch -> donations.storeRewards(outcomesIn(batch)), null);
    }

    private static List<ActionOutcome> outcomesIn(List<PartitionBatches.Parsed> batch) {
        return batch.stream()
                .map(PartitionBatches.Parsed::event)
                .filter(e -> EventTypes.ACTION_COMPLETED.equals(e.type()) || EventTypes.ACTION_FAILED.equals(e.type()))
                .map(e -> e.dataAs(ActionOutcome.class))
                .filter(o -> o.actionType() == ActionType.DONATION)
                .toList();
    }
}
