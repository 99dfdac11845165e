package org.sirgiving.rewards.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.sirgiving.events.ActionType;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.Topics;
import org.sirgiving.events.payload.ActionOutcome;
import org.sirgiving.events.payload.OutcomeStatus;
import org.sirgiving.events.payload.ReversalRequested;
import org.sirgiving.kernel.crypto.Crypto;
import org.sirgiving.kernel.persistence.UnitOfWork;
import org.sirgiving.outbox.Outbox;
import org.sirgiving.rewards.domain.LedgerEntry;
import org.sirgiving.rewards.domain.Reward;
import org.sirgiving.rewards.domain.Transaction;

/**
 * Undoes the reward of one action, in one transaction: the reward row COMPLETED → REVERSED, each of its REWARD
 * transactions marked REVERSED with a REVERSAL transaction (negative) for its user, the tokens back to the pool (a
 * REVERSAL ledger entry) and to the campaign's budget, and {@code action.reversed} in the outbox. A second request
 * changes nothing and announces the same outcome again.
 *
 * <p>Tokens that already expired are gone from the user: they are not taken back twice, and the pool gets back only
 * what the users gave back. A request for an action this service never rewarded (unknown, refused, or another
 * partner's) is logged and answered with nothing: there is no reward to undo, and {@code action.failed} would tell
 * consumers that the action itself failed.
 */
@ApplicationScoped
public class ReversalProcessor {
    private static final Logger LOG = Logger.getLogger(ReversalProcessor.class);

    private final UnitOfWork tx;
    private final Outbox outbox;
    private final PoolLedger ledger;
    private final CampaignBudget campaigns;
    private final Clock clock;

    public ReversalProcessor(UnitOfWork tx, Outbox outbox, PoolLedger ledger, CampaignBudget campaigns, Clock clock) {
        this.tx = tx;
        this.outbox = outbox;
        this.ledger = ledger;
        this.campaigns = campaigns;
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
        return (Reward.<Reward>find("actionId", request.actionId())
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult()
                .chain(reward -> {
                    if (reward == null
                            || !reward.partnerId.equals(event.partnerId())
                            || !reward.environment.equals(event.environment().wireName())) {
                        LOG.warnf(
                                "Reversal of action %s ignored: no reward of partner %s (%s) for it",
                                request.actionId(),
                                event.partnerId(),
                                event.environment().wireName());
                        return Uni.createFrom().nullItem();
                    }
                    return Reward.REVERSED.equals(reward.status)
                            ? announceAgain(event, reward)
                            : undo(event, request, reward);
                }));
    }

    private Uni<ActionOutcome> announceAgain(EventEnvelope event, Reward reward) {
        return Transaction.<Transaction>find(
                        "actionId = ?1 and type = ?2 order by id", reward.actionId, Transaction.REVERSAL)
                .list()
                .chain(txns -> announce(event, reward, txns));
    }

    private Uni<ActionOutcome> undo(EventEnvelope event, ReversalRequested request, Reward reward) {
        Instant now = clock.instant();
        reward.status = Reward.REVERSED;
        reward.reversedAt = now;
        reward.reversalReason = request.reason();
        // Locked too: the expiry job skips what is reversed here, and this skips what it expired first.
        return Transaction.<Transaction>find(
                        "actionId = ?1 and type = ?2 and status = ?3 and expiredAt is null order by id",
                        reward.actionId,
                        Transaction.REWARD,
                        Transaction.COMPLETED)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list()
                .chain(rewarded -> {
                    List<Transaction> reversals = new ArrayList<>();
                    long returned = 0;
                    for (Transaction t : rewarded) {
                        t.status = Transaction.REVERSED;
                        Transaction r = new Transaction();
                        r.id = "txn_" + Crypto.randomHex(12);
                        r.partnerId = t.partnerId;
                        r.environment = t.environment;
                        r.userId = t.userId;
                        r.actionId = t.actionId;
                        r.stakeholderTypeCode = t.stakeholderTypeCode;
                        r.type = Transaction.REVERSAL;
                        r.status = Transaction.COMPLETED;
                        r.tokens = -t.tokens;
                        r.relatedTransactionId = t.id;
                        r.createdAt = now;
                        reversals.add(r);
                        returned += t.tokens;
                    }
                    long back = returned;
                    // Nothing to persist when every token had expired (persist of an empty list fails).
                    Uni<Void> chain =
                            reversals.isEmpty() ? Uni.createFrom().voidItem() : Transaction.persist(reversals);
                    if (back > 0) {
                        chain = chain.chain(() -> ledger.credit(
                                        reward.poolId,
                                        back,
                                        LedgerEntry.Type.REVERSAL,
                                        reward.actionId,
                                        request.reason()))
                                .chain(() -> campaigns.release(reward.campaignId, back));
                    }
                    return chain.chain(() -> announce(event, reward, reversals));
                });
    }

    private Uni<ActionOutcome> announce(EventEnvelope event, Reward reward, List<Transaction> reversals) {
        ActionOutcome outcome = new ActionOutcome(
                reward.actionId,
                reward.idempotencyKey,
                ActionType.valueOf(reward.actionType),
                OutcomeStatus.REVERSED,
                reward.tokens,
                reversals.stream().map(t -> t.id).sorted().toList(),
                null,
                null,
                0);
        return outbox.enqueue(
                        Topics.REWARD_LIFECYCLE,
                        event.partnerId(),
                        RewardProcessor.derived(
                                event, RewardProcessor.outcomeDecision(outcome), EventTypes.ACTION_REVERSED, outcome))
                .replaceWith(outcome);
    }
}
