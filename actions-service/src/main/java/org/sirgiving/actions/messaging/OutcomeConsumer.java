package org.sirgiving.actions.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.sirgiving.partnerauth.messaging.RecordProcessing;
import org.sirgiving.actions.service.ActionService;
import org.sirgiving.actions.service.OutcomeWaiters;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventJson;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.payload.ActionOutcome;

import java.util.Set;

/** Reward outcomes from rewards-service: stored once (shared group) and handed to waiting requests (per replica). */
@ApplicationScoped
public class OutcomeConsumer {
    private static final Set<String> OUTCOMES = Set.of(EventTypes.ACTION_COMPLETED, EventTypes.ACTION_FAILED,
            EventTypes.ACTION_REVERSED);

    private final ActionService actions;
    private final OutcomeWaiters waiters;

    public OutcomeConsumer(ActionService actions, OutcomeWaiters waiters) {
        this.actions = actions;
        this.waiters = waiters;
    }

    @Incoming("outcomes")
    public Uni<Void> store(String json) {
        EventEnvelope event = EventJson.readEnvelope(json);
        if (!OUTCOMES.contains(event.type())) {
            return Uni.createFrom().voidItem();
        }
        ActionOutcome outcome = event.dataAs(ActionOutcome.class);
        return RecordProcessing.retryWhileDatabaseDown(() -> actions.applyOutcome(event.type(), outcome)).replaceWithVoid();
    }

    /** Stores first, then answers: a partner who reads the action after its 200 sees the same status. */
    @Incoming("outcome-wakeups")
    public Uni<Void> wake(String json) {
        EventEnvelope event = EventJson.readEnvelope(json);
        if (!OUTCOMES.contains(event.type())) {
            return Uni.createFrom().voidItem();
        }
        ActionOutcome outcome = event.dataAs(ActionOutcome.class);
        if (!waiters.isWaiting(outcome)) {
            return Uni.createFrom().voidItem();
        }
        return actions.applyOutcome(event.type(), outcome).invoke(() -> waiters.complete(outcome)).replaceWithVoid();
    }
}
