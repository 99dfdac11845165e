package org.sirgiving.actions.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.sirgiving.actions.service.ActionService;
import org.sirgiving.actions.service.AnnouncedOutcome;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventJson;
import org.sirgiving.events.payload.ActionOutcome;
import org.sirgiving.kernel.messaging.PartitionBatches;

/**
 * Reward outcomes from rewards-service: stored once (shared group, a poll's batch per partition in one transaction)
 * and handed to waiting requests (a group per replica).
 */
@ApplicationScoped
public class OutcomeConsumer {
    private static final Logger LOG = Logger.getLogger(OutcomeConsumer.class);

    private final ActionService actions;
    private final PartitionBatches batches;

    public OutcomeConsumer(ActionService actions, PartitionBatches batches) {
        this.actions = actions;
        this.batches = batches;
    }

    /** An outcome that cannot be stored has nothing further to decide: it goes to the dead-letter queue. */
    @Incoming("outcomes")
    public Uni<Void> store(ConsumerRecords<String, String> records) {
        return batches.process(records, batch -> actions.storeOutcomes(outcomesIn(batch)), null);
    }

    /**
     * Stores first, then answers (in the service): a partner who reads the action after its 200 sees the same
     * status. A failure only costs the waiting requests their early answer: they answer 202 when their budget ends,
     * and the shared group stores the outcome.
     */
    @Incoming("outcome-wakeups")
    public Uni<Void> wake(ConsumerRecords<String, String> records) {
        return actions.wake(readable(records))
                .onFailure()
                .invoke(e -> LOG.warnf("Wake-up batch not applied: %s", e.toString()))
                .onFailure()
                .recoverWithNull();
    }

    private static List<AnnouncedOutcome> outcomesIn(List<PartitionBatches.Parsed> batch) {
        return batch.stream()
                .map(PartitionBatches.Parsed::event)
                .filter(e -> AnnouncedOutcome.announces(e.type()))
                .map(OutcomeConsumer::announced)
                .toList();
    }

    /** The outcomes among the records; the shared group dead-letters an unreadable one, a wake-up only skips it. */
    private static List<AnnouncedOutcome> readable(ConsumerRecords<String, String> records) {
        List<AnnouncedOutcome> outcomes = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records) {
            try {
                EventEnvelope event = EventJson.readEnvelope(r.value());
                if (AnnouncedOutcome.announces(event.type())) {
                    outcomes.add(announced(event));
                }
            } catch (RuntimeException e) {
                LOG.debugf("Unreadable outcome record skipped by the wake-up consumer: %s", e.getMessage());
            }
        }
        return outcomes;
    }

    private static AnnouncedOutcome announced(EventEnvelope event) {
        return new AnnouncedOutcome(event.type(), event.dataAs(ActionOutcome.class));
    }
}
