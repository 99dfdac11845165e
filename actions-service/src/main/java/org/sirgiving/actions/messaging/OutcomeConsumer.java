package org.sirgiving.actions.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.sirgiving.actions.service.ActionService;
import org.sirgiving.actions.service.OutcomeWaiters;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventJson;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.payload.ActionOutcome;
import org.sirgiving.kernel.messaging.PartitionBatches;

/**
 * Reward outcomes from rewards-service: stored once (shared group, a poll's batch per partition in one transaction)
 * and handed to waiting requests (a group per replica).
 */
@ApplicationScoped
public class OutcomeConsumer {
    private static final Logger LOG = Logger.getLogger(OutcomeConsumer.class);
    private static final Set<String> OUTCOMES =
            Set.of(EventTypes.ACTION_COMPLETED, EventTypes.ACTION_FAILED, EventTypes.ACTION_REVERSED);

    /** An outcome this replica waits for, with its event type. */
    private record Awaited(String type, ActionOutcome outcome) {}

    private final ActionService actions;
    private final OutcomeWaiters waiters;
    private final PartitionBatches batches;

    public OutcomeConsumer(ActionService actions, OutcomeWaiters waiters, PartitionBatches batches) {
        this.actions = actions;
        this.waiters = waiters;
        this.batches = batches;
    }

    /** An outcome that cannot be stored has nothing further to decide: it goes to the dead-letter queue. */
    @Incoming("outcomes")
    public Uni<Void> store(ConsumerRecords<String, String> records) {
        return batches.process(
                records,
                batch -> Panache.withTransaction(() -> Multi.createFrom()
                        .iterable(batch)
                        .filter(p -> OUTCOMES.contains(p.event().type()))
                        .onItem()
                        .transformToUniAndConcatenate(p -> actions.applyOutcomeIn(
                                p.event().type(), p.event().dataAs(ActionOutcome.class)))
                        .collect()
                        .last()),
                null);
    }

    /**
     * Stores first, then answers: a partner who reads the action after its 200 sees the same status. Only outcomes
     * this replica waits for cost a statement; the rest of the batch is skipped after parsing.
     */
    @Incoming("outcome-wakeups")
    public Uni<Void> wake(ConsumerRecords<String, String> records) {
        List<Awaited> awaited = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records) {
            try {
                EventEnvelope event = EventJson.readEnvelope(r.value());
                if (OUTCOMES.contains(event.type())) {
                    ActionOutcome outcome = event.dataAs(ActionOutcome.class);
                    if (waiters.isWaiting(outcome)) {
                        awaited.add(new Awaited(event.type(), outcome));
                    }
                }
            } catch (RuntimeException e) {
                // The shared group ("outcomes") dead-letters it; a wake-up only ever skips.
                LOG.debugf("Unreadable outcome record skipped by the wake-up consumer: %s", e.getMessage());
            }
        }
        if (awaited.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Awaited a : awaited) {
                        chain = chain.chain(() ->
                                actions.applyOutcomeIn(a.type(), a.outcome()).replaceWithVoid());
                    }
                    return chain;
                })
                .invoke(() -> awaited.forEach(a -> waiters.complete(a.outcome())))
                // A request still waiting then answers 202 from its budget; the shared group stores the outcome.
                .onFailure()
                .invoke(e -> LOG.warnf("Wake-up batch not applied: %s", e.toString()))
                .onFailure()
                .recoverWithNull();
    }
}
