package org.sirgiving.rewards.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sirgiving.events.Environment;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.Topics;
import org.sirgiving.events.payload.ActionOutcome;
import org.sirgiving.events.payload.ActionSubmitted;
import org.sirgiving.events.payload.OutcomeStatus;
import org.sirgiving.events.payload.Stakeholder;
import org.sirgiving.events.payload.TransactionCompleted;
import org.sirgiving.kernel.persistence.UnitOfWork;
import org.sirgiving.outbox.Outbox;
import org.sirgiving.rewards.domain.PartnerUser;
import org.sirgiving.rewards.domain.Reward;
import org.sirgiving.rewards.domain.TokenPool;
import org.sirgiving.rewards.domain.Transaction;
import org.sirgiving.rewards.repository.FailedActionStore;
import org.sirgiving.rewards.repository.RewardStore;
import org.sirgiving.rewards.repository.TokenPoolStore;
import org.sirgiving.rewards.repository.TransactionStore;
import org.sirgiving.rewards.repository.UserStore;
import org.sirgiving.rewards.service.RewardDecider.Granted;
import org.sirgiving.rewards.service.RewardDecider.Part;
import org.sirgiving.rewards.service.RewardDecider.Refused;

/**
 * Turns one accepted action into a reward, in one transaction: it reads what the decision needs (the pool, the
 * stakeholders' users, the campaign, whose budget the choice spends), {@link RewardDecider} decides, and the decision
 * is applied: the pool debit (all or nothing, through {@link PoolLedger}), the reward row (at most one per action), the
 * users' transactions and the lifecycle events. A refusal writes only its {@code action.failed} event (and the failure
 * the dashboard counts).
 */
@ApplicationScoped
public class RewardProcessor {
    private final UnitOfWork tx;
    private final Outbox outbox;
    private final PoolLedger ledger;
    private final CampaignBudget campaigns;
    private final UserAccounts accounts;
    private final TokenPoolStore pools;
    private final UserStore users;
    private final RewardStore rewards;
    private final TransactionStore transactions;
    private final FailedActionStore failures;
    private final Clock clock;

    public RewardProcessor(
            UnitOfWork tx,
            Outbox outbox,
            PoolLedger ledger,
            CampaignBudget campaigns,
            UserAccounts accounts,
            TokenPoolStore pools,
            UserStore users,
            RewardStore rewards,
            TransactionStore transactions,
            FailedActionStore failures,
            Clock clock) {
        this.tx = tx;
        this.outbox = outbox;
        this.ledger = ledger;
        this.campaigns = campaigns;
        this.accounts = accounts;
        this.pools = pools;
        this.users = users;
        this.rewards = rewards;
        this.transactions = transactions;
        this.failures = failures;
        this.clock = clock;
    }

    /** Rewards one action in a transaction of its own. */
    public Uni<ActionOutcome> process(EventEnvelope event) {
        return tx.write(() -> reward(event));
    }

    /**
     * Rewards one action inside the caller's transaction (a consumer runs a whole batch of a partition in one). A
     * redelivered action is announced again, with the same event id; a redelivered attempt that was refused stays
     * refused.
     */
    public Uni<ActionOutcome> reward(EventEnvelope event) {
        ActionSubmitted action = event.dataAs(ActionSubmitted.class);
        return rewards.priorDecision(action.actionId(), action.attempt()).chain(prior -> {
            if (prior.rewarded()) {
                return replay(event, action);
            }
            if (prior.refusal() != null) {
                return emitOutcome(event, failed(action, RewardDecider.refusedBefore(prior.refusal())));
            }
            return decideAndApply(event, action);
        });
    }

    /**
     * Decides an action whose processing failed for a reason of its own ({@link RewardDecider#forFailure}: its data
     * cannot be stored, its reward overflows, a rule throws): {@code action.failed}, in a transaction of its own, so the
     * partner sees the failure and may resubmit the key. Nothing else of the action is written.
     */
    public Uni<ActionOutcome> refuse(EventEnvelope event, Throwable failure) {
        ActionSubmitted action = event.dataAs(ActionSubmitted.class);
        return tx.write(() -> rewards.priorDecision(action.actionId(), action.attempt())
                .chain(prior -> prior.rewarded()
                        // Rewarded after all (a concurrent delivery won): announce that instead.
                        ? replay(event, action)
                        : fail(event, action, RewardDecider.forFailure(failure))));
    }

    /** The pool first: without an ACTIVE one the action is refused before its users are even looked up. */
    private Uni<ActionOutcome> decideAndApply(EventEnvelope event, ActionSubmitted action) {
        return poolFor(event.partnerId(), event.environment())
                .chain(pool -> RewardDecider.poolRefusal(pool)
                        .map(refused -> fail(event, action, refused))
                        .orElseGet(() ->
                                knownUsers(event, action).chain(known -> chooseAndApply(event, action, pool, known))));
    }

    /** The users known: refused now if a stakeholder is unknown, else decided once the campaign is chosen. */
    private Uni<ActionOutcome> chooseAndApply(
            EventEnvelope event, ActionSubmitted action, TokenPool pool, Map<String, PartnerUser> known) {
        Optional<Refused> refused = RewardDecider.precheck(action, pool, known);
        if (refused.isPresent()) {
            return fail(event, action, refused.get());
        }
        return choose(event, action)
                .chain(choice -> apply(event, action, pool, choice, RewardDecider.decide(action, pool, known, choice)));
    }

    private Uni<TokenPool> poolFor(String partnerId, Environment env) {
        return env == Environment.SANDBOX ? ledger.ensureSandboxPool(partnerId) : pools.findFor(partnerId, env);
    }

    /** The partner's users among the stakeholders, by partnerUserId. */
    private Uni<Map<String, PartnerUser>> knownUsers(EventEnvelope event, ActionSubmitted action) {
        List<String> ids =
                action.stakeholders().stream().map(Stakeholder::partnerUserId).toList();
        return users.findByExternalIds(event.partnerId(), event.environment(), ids);
    }

    /** The campaign that rewards the action, its budget already spent (given back if the reward is then refused). */
    private Uni<CampaignBudget.Choice> choose(EventEnvelope event, ActionSubmitted action) {
        List<String> types = action.stakeholders().stream()
                .map(Stakeholder::stakeholderTypeCode)
                .toList();
        return campaigns.choose(event.partnerId(), event.environment(), action.actionType(), action.amount(), types);
    }

    private Uni<ActionOutcome> apply(
            EventEnvelope event,
            ActionSubmitted action,
            TokenPool pool,
            CampaignBudget.Choice choice,
            RewardDecider.Decision decision) {
        if (!(decision instanceof Granted granted)) {
            return giveBack(choice).chain(() -> fail(event, action, (Refused) decision));
        }
        return ledger.debit(pool, granted.total(), action.actionId(), event.correlationId())
                .chain(after -> after != null
                        ? grant(event, action, pool, granted)
                        // A concurrent reward took the tokens between the read and the guarded debit.
                        : giveBack(choice)
                                .chain(() -> fail(event, action, RewardDecider.poolTooSmall(granted.total()))));
    }

    /** A refusal after the campaign was chosen gives back the budget the choice spent. */
    private Uni<Void> giveBack(CampaignBudget.Choice choice) {
        return campaigns.release(choice.campaign() == null ? null : choice.campaign().id, choice.tokens());
    }

    private Uni<ActionOutcome> grant(EventEnvelope event, ActionSubmitted action, TokenPool pool, Granted granted) {
        Instant now = clock.instant();
        Reward reward = reward(event, action, pool, granted, now);
        return rewards.insert(reward)
                // Only a resubmission can have a refused earlier attempt to clear.
                .call(() -> action.attempt() > 1
                        ? failures.clear(action.actionId())
                        : Uni.createFrom().voidItem())
                .chain(() -> Multi.createFrom()
                        .iterable(granted.parts())
                        .onItem()
                        // A part of zero tokens creates its user but no transaction: its Uni emits null, which the
                        // concatenation skips.
                        .transformToUniAndConcatenate(part -> credit(event, action, pool, part, now))
                        .collect()
                        .asList())
                .chain(txnIds -> emitOutcome(event, completed(action, granted.total(), txnIds)));
    }

    private static Reward reward(
            EventEnvelope event, ActionSubmitted action, TokenPool pool, Granted granted, Instant now) {
        Reward reward = new Reward();
        reward.actionId = action.actionId();
        reward.partnerId = event.partnerId();
        reward.environment = event.environment().wireName();
        reward.poolId = pool.id;
        reward.tokens = granted.total();
        reward.status = Reward.Status.COMPLETED;
        reward.campaignId = granted.campaignId();
        reward.actionType = action.actionType();
        reward.idempotencyKey = action.idempotencyKey();
        reward.createdAt = now;
        return reward;
    }

    /** One stakeholder's part: their user (created first if needed) and, unless the part is zero, its transaction. */
    private Uni<String> credit(EventEnvelope event, ActionSubmitted action, TokenPool pool, Part part, Instant now) {
        return userOf(event, part).chain(user -> {
            if (part.tokens() == 0) {
                return Uni.createFrom().nullItem();
            }
            Transaction t = rewardTransaction(event, action, pool, part, user, now);
            return transactions
                    .insert(t)
                    .chain(() -> outbox.enqueue(
                            Topics.REWARD_LIFECYCLE,
                            event.partnerId(),
                            derived(event, t.id, EventTypes.TRANSACTION_COMPLETED, transactionCompleted(part, t))))
                    .replaceWith(t.id);
        });
    }

    private Uni<PartnerUser> userOf(EventEnvelope event, Part part) {
        if (part.user() != null) {
            return Uni.createFrom().item(part.user());
        }
        Stakeholder s = part.stakeholder();
        return accounts.ensure(
                event.partnerId(),
                event.environment(),
                new UserAccounts.NewUser(s.partnerUserId(), s.userEmail(), s.userFirstName(), s.userLastName(), null));
    }

    /** The pool's restrictions at the time of the reward fix when these tokens vest and expire. */
    private static Transaction rewardTransaction(
            EventEnvelope event, ActionSubmitted action, TokenPool pool, Part part, PartnerUser user, Instant now) {
        Transaction t = new Transaction();
        t.id = Transaction.newId();
        t.partnerId = event.partnerId();
        t.environment = event.environment().wireName();
        t.userId = user.id;
        t.actionId = action.actionId();
        t.stakeholderTypeCode = part.stakeholder().stakeholderTypeCode();
        t.type = Transaction.Type.REWARD;
        t.status = Transaction.Status.COMPLETED;
        t.tokens = part.tokens();
        t.createdAt = now;
        t.vestsAt = now.plus(Duration.ofDays(pool.vestingDays));
        t.vestedAt = pool.vestingDays == 0 ? now : null;
        t.expiresAt = pool.tokenExpiryDays == null ? null : now.plus(Duration.ofDays(pool.tokenExpiryDays));
        return t;
    }

    private static TransactionCompleted transactionCompleted(Part part, Transaction t) {
        Stakeholder s = part.stakeholder();
        return new TransactionCompleted(
                t.id, t.actionId, s.partnerUserId(), s.stakeholderTypeCode(), t.type.name(), part.tokens());
    }

    /**
     * A second delivery of a rewarded action: nothing changes; the outcome is announced again for whoever waits (a
     * reversed action announces its reversal).
     */
    private Uni<ActionOutcome> replay(EventEnvelope event, ActionSubmitted action) {
        return rewards.findById(action.actionId()).chain(reward -> {
            boolean reversed = reward.status == Reward.Status.REVERSED;
            Transaction.Type type = reversed ? Transaction.Type.REVERSAL : Transaction.Type.REWARD;
            OutcomeStatus status = reversed ? OutcomeStatus.REVERSED : OutcomeStatus.COMPLETED;
            return transactions
                    .ofAction(action.actionId(), type)
                    .chain(txns -> emitOutcome(event, outcome(action, status, reward.tokens, ids(txns))));
        });
    }

    /** Refused: the refusal is recorded for the dashboard, then announced. */
    private Uni<ActionOutcome> fail(EventEnvelope event, ActionSubmitted action, Refused refused) {
        return failures.record(
                        action.actionId(),
                        event.partnerId(),
                        event.environment(),
                        refused.code(),
                        action.attempt(),
                        clock.instant())
                .chain(() -> emitOutcome(event, failed(action, refused)));
    }

    private static ActionOutcome completed(ActionSubmitted action, long tokens, List<String> transactionIds) {
        return outcome(action, OutcomeStatus.COMPLETED, tokens, transactionIds);
    }

    private static ActionOutcome outcome(
            ActionSubmitted action, OutcomeStatus status, long tokens, List<String> transactionIds) {
        return new ActionOutcome(
                action.actionId(),
                action.idempotencyKey(),
                action.actionType(),
                status,
                tokens,
                transactionIds,
                null,
                null,
                // A reversal decides no attempt: its announcement says 0 however it is made (the replay of a
                // reversed action repeats the reversal's event id, so it must repeat its data too).
                status == OutcomeStatus.REVERSED ? 0 : action.attempt(),
                echoed(action.metadata()));
    }

    private static ActionOutcome failed(ActionSubmitted action, Refused refused) {
        return new ActionOutcome(
                action.actionId(),
                action.idempotencyKey(),
                action.actionType(),
                OutcomeStatus.FAILED,
                0,
                List.of(),
                refused.code(),
                refused.message(),
                action.attempt(),
                echoed(action.metadata()));
    }

    /**
     * The partner's metadata as the outcome echoes it (docs/partner-api.md section 4): an explicit JSON null is no
     * metadata, so that the field is absent rather than null.
     */
    static JsonNode echoed(JsonNode metadata) {
        return metadata == null || metadata.isNull() ? null : metadata;
    }

    /** Sorted, as the first announcement of a reversal lists them (every announcement reports the same list). */
    private static List<String> ids(List<Transaction> txns) {
        return txns.stream().map(t -> t.id).sorted().toList();
    }

    private Uni<ActionOutcome> emitOutcome(EventEnvelope cause, ActionOutcome outcome) {
        String type = switch (outcome.status()) {
            case COMPLETED -> EventTypes.ACTION_COMPLETED;
            case REVERSED -> EventTypes.ACTION_REVERSED;
            default -> EventTypes.ACTION_FAILED;
        };
        return outbox.enqueue(
                        Topics.REWARD_LIFECYCLE,
                        cause.partnerId(),
                        derived(cause, outcomeDecision(outcome), type, outcome))
                .replaceWith(outcome);
    }

    /**
     * What an outcome decides, which names its event: an attempt of an action (completed or failed), or the action's
     * reversal (there is one). The replay of a reversed action therefore repeats the reversal's own event id.
     */
    static String outcomeDecision(ActionOutcome outcome) {
        return OutcomeStatus.REVERSED.equals(outcome.status())
                ? outcome.actionId() + "/reversal"
                : outcome.actionId() + "/attempt/" + outcome.attempt();
    }

    static EventEnvelope derived(EventEnvelope cause, String decision, String type, Object data) {
        return EventEnvelope.decided(
                decision, type, cause.partnerId(), cause.environment(), cause.correlationId(), data);
    }
}
