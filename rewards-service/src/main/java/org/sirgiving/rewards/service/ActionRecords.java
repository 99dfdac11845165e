package org.sirgiving.rewards.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.payload.ActionOutcome;
import org.sirgiving.kernel.messaging.RecordTraces;
import org.sirgiving.kernel.persistence.UnitOfWork;
import org.sirgiving.rewards.repository.SessionStore;

/**
 * The records of {@code sir.actions.v1}: each accepted action is rewarded ({@link RewardProcessor}), each reversal
 * request undone ({@link ReversalProcessor}). A batch of one partition's records runs in one transaction.
 */
@ApplicationScoped
public class ActionRecords {
    private static final Logger LOG = Logger.getLogger(ActionRecords.class);

    private final RewardProcessor rewards;
    private final ReversalProcessor reversals;
    private final SessionStore session;
    private final UnitOfWork tx;
    private final RecordTraces traces;

    public ActionRecords(
            RewardProcessor rewards,
            ReversalProcessor reversals,
            SessionStore session,
            UnitOfWork tx,
            RecordTraces traces) {
        this.traces = traces;
        this.rewards = rewards;
        this.reversals = reversals;
        this.session = session;
        this.tx = tx;
    }

    /**
     * The records in order, in one transaction; each record's entities are written and forgotten before the next
     * ({@link SessionStore#flushAndClear}), so a large batch costs no more per record than a small one.
     */
    public Uni<Void> processBatch(List<EventEnvelope> events) {
        return tx.write(() -> Multi.createFrom()
                .iterable(events)
                .onItem()
                // Each record's work runs in its own consumer span, so the outcome it announces continues its trace.
                .transformToUniAndConcatenate(event -> traces.within(
                        event, () -> handle(event).chain(session::flushAndClear).replaceWithVoid()))
                .collect()
                .last()
                .replaceWithVoid());
    }

    private Uni<?> handle(EventEnvelope event) {
        if (EventTypes.ACTION_SUBMITTED.equals(event.type())) {
            return rewards.reward(event);
        }
        if (EventTypes.ACTION_REVERSAL_REQUESTED.equals(event.type())) {
            return reversals.reverseIn(event);
        }
        return Uni.createFrom().voidItem();
    }

    /**
     * A record whose processing failed for a reason of its own: an action is refused with a code the partner can act
     * on ({@link RewardDecider#forFailure}), so no record leaves an action PENDING; a reversal request has no outcome
     * to refuse with (the action stays COMPLETED): the failure stands, and the record goes to the dead-letter queue.
     */
    public Uni<ActionOutcome> decide(EventEnvelope event, Throwable failure) {
        if (!EventTypes.ACTION_SUBMITTED.equals(event.type())) {
            return Uni.createFrom().failure(failure);
        }
        LOG.errorf(
                failure,
                "Action %s cannot be rewarded; it is decided as action.failed %s",
                event.data().path("actionId").asText(),
                RewardDecider.forFailure(failure).code());
        return rewards.refuse(event, failure);
    }
}
