package org.sirgiving.rewards.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.Topics;
import org.sirgiving.events.payload.ActionOutcome;
import org.sirgiving.events.payload.OutcomeStatus;
import org.sirgiving.events.payload.ReversalRequested;
import org.sirgiving.kernel.persistence.UnitOfWork;
import org.sirgiving.outbox.Outbox;
import org.sirgiving.rewards.domain.LedgerEntry;
import org.sirgiving.rewards.domain.Reward;
import org.sirgiving.rewards.domain.Transaction;
import org.sirgiving.rewards.repository.RewardStore;
import org.sirgiving.rewards.repository.TransactionStore;

/**
 * Undoes the reward of one action, in one transaction: the reward row COMPLETED → REVERSED, each of its REWARD
 * transactions marked REVERSED with a REVERSAL transaction (negative) for its user, the tokens back to the pool (a
 * REVERSAL ledger entry, through {@link PoolLedger}) and to the campaign's budget, and {@code action.reversed} in the
 * outbox. A second request changes nothing and announces the same outcome again. What is decided, and what it gives
 * back: {@link ReversalDecider}.
 */
@ApplicationScoped
public class ReversalProcessor {
    private static final Logger LOG = Logger.getLogger(ReversalProcessor.class);

    private final UnitOfWork tx;
    private final Outbox outbox;
    private final PoolLedger ledger;
    private final CampaignBudget campaigns;
    private final RewardStore rewards;
    private final TransactionStore transactions;
    private final Clock clock;

    public ReversalProcessor(
            UnitOfWork tx,
            Outbox outbox,
            PoolLedger ledger,
            CampaignBudget campaigns,
            RewardStore rewards,
            TransactionStore transactions,
            Clock clock) {
        this.tx = tx;
        this.outbox = outbox;
        this.ledger = ledger;
        this.campaigns = campaigns;
        this.rewards = rewards;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** In a transaction of its own: the outcome announced, or null when there was no reward to reverse. */
    public Uni<ActionOutcome> reverse(EventEnvelope event) {
        return tx.write(() -> reverseIn(event));
    }

    /** Inside the caller's transaction (a consumer's batch): the outcome announced, or null. */
    public Uni<ActionOutcome> reverseIn(EventEnvelope event) {
        ReversalRequested request = event.dataAs(ReversalRequested.class);
        // Locks the row: a concurrent reversal of the same action waits, then sees REVERSED.
        return rewards.findForUpdate(request.actionId())
                .chain(reward -> switch (ReversalDecider.decide(reward, event.partnerId(), event.environment())) {
                    case IGNORE -> ignore(event, request);
                    case ANNOUNCE_AGAIN -> announceAgain(event, request, reward);
                    case REVERSE -> undo(event, request, reward);
                });
    }

    private static Uni<ActionOutcome> ignore(EventEnvelope event, ReversalRequested request) {
        LOG.warnf(
                "Reversal of action %s ignored: no reward of partner %s (%s) for it",
                request.actionId(), event.partnerId(), event.environment().wireName());
        return Uni.createFrom().nullItem();
    }

    private Uni<ActionOutcome> announceAgain(EventEnvelope event, ReversalRequested request, Reward reward) {
        return transactions
                .ofAction(reward.actionId, Transaction.Type.REVERSAL)
                .chain(reversals -> announce(event, request, reward, reversals));
    }

    private Uni<ActionOutcome> undo(EventEnvelope event, ReversalRequested request, Reward reward) {
        Instant now = clock.instant();
        // Locked too: the expiry job skips what is reversed here, and this skips what it expired first.
        return transactions.rewardedUnexpiredForUpdate(reward.actionId).chain(held -> {
            ReversalDecider.Plan plan = ReversalDecider.plan(held, now);
            markReversed(reward, held, request.reason(), now);
            return transactions
                    .insertAll(plan.reversals())
                    .call(() -> giveBack(reward, plan.tokensBack(), request.reason()))
                    .chain(() -> announce(event, request, reward, plan.reversals()));
        });
    }

    /** The managed rows change; the session writes them with the transaction. */
    private static void markReversed(Reward reward, List<Transaction> held, String reason, Instant now) {
        reward.status = Reward.Status.REVERSED;
        reward.reversedAt = now;
        reward.reversalReason = reason;
        held.forEach(t -> t.status = Transaction.Status.REVERSED);
    }

    /** The users' tokens go back to the pool and to the campaign's budget (nothing when every token had expired). */
    private Uni<Void> giveBack(Reward reward, long tokens, String reason) {
        if (tokens <= 0) {
            return Uni.createFrom().voidItem();
        }
        return ledger.credit(reward.poolId, tokens, LedgerEntry.Type.REVERSAL, reward.actionId, reason)
                .chain(() -> campaigns.release(reward.campaignId, tokens));
    }

    /** The request carries the action's metadata (actions-service's), which the event echoes. */
    private Uni<ActionOutcome> announce(
            EventEnvelope event, ReversalRequested request, Reward reward, List<Transaction> reversals) {
        ActionOutcome outcome = new ActionOutcome(
                reward.actionId,
                reward.idempotencyKey,
                reward.actionType,
                OutcomeStatus.REVERSED,
                reward.tokens,
                reversals.stream().map(t -> t.id).sorted().toList(),
                null,
                null,
                0,
                RewardProcessor.echoed(request.metadata()));
        return outbox.enqueue(
                        Topics.REWARD_LIFECYCLE,
                        event.partnerId(),
                        RewardProcessor.derived(
                                event, RewardProcessor.outcomeDecision(outcome), EventTypes.ACTION_REVERSED, outcome))
                .replaceWith(outcome);
    }
}
