package org.sirgiving.rewards.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.payload.FailureCode;
import org.sirgiving.kernel.errors.TransientFailure;
import org.sirgiving.kernel.messaging.PartitionBatches;
import org.sirgiving.kernel.persistence.UnitOfWork;
import org.sirgiving.rewards.service.ReversalProcessor;
import org.sirgiving.rewards.service.RewardProcessor;

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
    private static final Logger LOG = Logger.getLogger(ActionsConsumer.class);
    private final RewardProcessor rewards;
    private final ReversalProcessor reversals;
    private final UnitOfWork tx;
    private final PartitionBatches batches;

    public ActionsConsumer(
            RewardProcessor rewards, ReversalProcessor reversals, UnitOfWork tx, PartitionBatches batches) {
        this.rewards = rewards;
        this.reversals = reversals;
        this.tx = tx;
        this.batches = batches;
    }

    @Incoming("actions-in")
    public Uni<Void> onActions(ConsumerRecords<String, String> records) {
        return batches.process(records, this::inOneTransaction, (p, failure) -> decide(p.event(), failure));
    }

    private Uni<Void> inOneTransaction(List<PartitionBatches.Parsed> batch) {
        return tx.write(() -> Multi.createFrom()
                .iterable(batch)
                .onItem()
                .transformToUniAndConcatenate(p -> handle(p.event()).chain(ActionsConsumer::flushAndClear))
                .collect()
                .last()
                .replaceWithVoid());
    }

    /**
     * Writes a record's entities and forgets them before the next record: Hibernate checks every managed entity for
     * changes before each query, so a session that kept a whole batch's entities would cost more per record the larger
     * the batch (seen in a JFR profile as auto-flush time).
     */
    private static Uni<Boolean> flushAndClear(Object ignored) {
        return Panache.getSession().chain(s -> s.flush().invoke(s::clear)).replaceWith(Boolean.TRUE);
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
     * An action whose processing failed for a reason of its own is refused with a code the partner can act on; a
     * reversal request has no outcome to refuse with (the action stays COMPLETED): it goes to the dead-letter queue.
     */
    private Uni<?> decide(EventEnvelope event, Throwable failure) {
        String actionId = event.data().path("actionId").asText();
        if (!EventTypes.ACTION_SUBMITTED.equals(event.type())) {
            return Uni.createFrom().failure(failure);
        }
        boolean overflow = causedBy(failure, ArithmeticException.class);
        FailureCode code = overflow ? FailureCode.REWARD_OVERFLOW : FailureCode.INVALID_ACTION;
        String sqlState = TransientFailure.sqlStateIn(failure);
        LOG.errorf(failure, "Action %s cannot be rewarded; it is decided as action.failed %s", actionId, code);
        String message = overflow
                ? "The reward for this action does not fit in a token amount"
                : sqlState != null
                        ? "The action's data cannot be stored (SQLSTATE " + sqlState + ")"
                        : "The action cannot be processed";
        return rewards.refuse(event, code, message);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
