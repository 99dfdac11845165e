package org.sirgiving.rewards.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sirgiving.events.Environment;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.Topics;
import org.sirgiving.events.payload.ActionOutcome;
import org.sirgiving.events.payload.ActionSubmitted;
import org.sirgiving.events.payload.FailureCode;
import org.sirgiving.events.payload.OutcomeStatus;
import org.sirgiving.events.payload.Stakeholder;
import org.sirgiving.events.payload.TransactionCompleted;
import org.sirgiving.kernel.crypto.Crypto;
import org.sirgiving.kernel.persistence.UnitOfWork;
import org.sirgiving.outbox.Outbox;
import org.sirgiving.rewards.domain.PartnerUser;
import org.sirgiving.rewards.domain.Reward;
import org.sirgiving.rewards.domain.TokenPool;
import org.sirgiving.rewards.domain.Transaction;

/**
 * Turns one accepted action into a reward, in one transaction: users, the campaign (and its budget), the pool debit
 * (all or nothing), the reward row (at most one per action), the users' transactions and the lifecycle events. A
 * refusal writes only its {@code action.failed} event (and the failure the dashboard counts).
 */
@ApplicationScoped
public class RewardProcessor {
    private final UnitOfWork tx;
    private final Outbox outbox;
    private final PoolLedger ledger;
    private final CampaignBudget campaigns;
    private final UserAccounts users;
    private final Clock clock;

    public RewardProcessor(
            UnitOfWork tx,
            Outbox outbox,
            PoolLedger ledger,
            CampaignBudget campaigns,
            UserAccounts users,
            Clock clock) {
        this.tx = tx;
        this.outbox = outbox;
        this.ledger = ledger;
        this.campaigns = campaigns;
        this.users = users;
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
        Environment env = event.environment();
        return priorDecision(action).chain(prior -> {
            if (prior.rewarded()) {
                return Reward.<Reward>findById(action.actionId()).chain(existing -> replay(event, action, existing));
            }
            if (prior.refusal() != null) {
                return emitOutcome(
                        event,
                        new ActionOutcome(
                                action.actionId(),
                                action.idempotencyKey(),
                                action.actionType(),
                                OutcomeStatus.FAILED,
                                0,
                                List.of(),
                                FailureCode.valueOf(prior.refusal()),
                                "Refused before; resubmit to try again",
                                action.attempt()));
            }
            return poolFor(event.partnerId(), env).chain(pool -> reward(event, action, pool));
        });
    }

    /**
     * Decides an action that cannot be processed, for a reason of its own (its data cannot be stored, its reward
     * overflows, a rule throws): {@code action.failed} with {@code code}, in a transaction of its own, so the partner
     * sees the failure and may resubmit the key. Nothing else of the action is written.
     */
    public Uni<ActionOutcome> refuse(EventEnvelope event, FailureCode code, String message) {
        ActionSubmitted action = event.dataAs(ActionSubmitted.class);
        return tx.write(() -> priorDecision(action)
                .chain(prior -> prior.rewarded()
                        // Rewarded after all (a concurrent delivery won): announce that instead.
                        ? Reward.<Reward>findById(action.actionId()).chain(existing -> replay(event, action, existing))
                        : fail(event, action, code, message)));
    }

    /**
     * A second delivery of a rewarded action: nothing changes; the outcome is announced again for whoever waits (a
     * reversed action announces its reversal).
     */
    private Uni<ActionOutcome> replay(EventEnvelope event, ActionSubmitted action, Reward reward) {
        boolean reversed = Reward.REVERSED.equals(reward.status);
        String type = reversed ? Transaction.REVERSAL : Transaction.REWARD;
        return Transaction.<Transaction>find("actionId = ?1 and type = ?2 order by id", action.actionId(), type)
                .list()
                .chain(txns -> emitOutcome(
                        event,
                        new ActionOutcome(
                                action.actionId(),
                                action.idempotencyKey(),
                                action.actionType(),
                                reversed ? OutcomeStatus.REVERSED : OutcomeStatus.COMPLETED,
                                reward.tokens,
                                txns.stream().map(t -> t.id).toList(),
                                null,
                                null,
                                action.attempt())));
    }

    private Uni<TokenPool> poolFor(String partnerId, Environment env) {
        return env == Environment.SANDBOX ? ledger.ensureSandboxPool(partnerId) : TokenPool.findFor(partnerId, env);
    }

    private Uni<ActionOutcome> reward(EventEnvelope event, ActionSubmitted action, TokenPool pool) {
        if (pool == null || !"ACTIVE".equals(pool.status)) {
            return fail(event, action, FailureCode.INSUFFICIENT_POOL, "No active token pool for this environment");
        }
        return resolveUsers(event, action).chain(found -> {
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < found.size(); i++) {
                if (found.get(i) == null && !action.autoCreateUsers()) {
                    missing.add(action.stakeholders().get(i).partnerUserId());
                }
            }
            if (!missing.isEmpty()) {
                return fail(
                        event,
                        action,
                        FailureCode.USER_NOT_FOUND,
                        "Unknown partnerUserId: " + String.join(", ", missing)
                                + " (send autoCreateUsers: true to create them)");
            }
            List<String> types = action.stakeholders().stream()
                    .map(Stakeholder::stakeholderTypeCode)
                    .toList();
            return campaigns
                    .choose(
                            event.partnerId(),
                            event.environment(),
                            action.actionType().name(),
                            action.amount(),
                            types)
                    .chain(choice -> ledger.debit(pool, choice.tokens(), action.actionId(), event.correlationId())
                            .chain(after -> after == null
                                    // Refused: the budget the choice spent goes back; only action.failed is written.
                                    ? campaigns
                                            .release(
                                                    choice.campaign() == null ? null : choice.campaign().id,
                                                    choice.tokens())
                                            .chain(() -> fail(
                                                    event,
                                                    action,
                                                    FailureCode.INSUFFICIENT_POOL,
                                                    "The token pool has fewer than " + choice.tokens() + " tokens"))
                                    : credit(event, action, pool, choice, found)));
        });
    }

    /** The stakeholders' users, in order; null where the partner has no such user yet. */
    private Uni<List<PartnerUser>> resolveUsers(EventEnvelope event, ActionSubmitted action) {
        return Multi.createFrom()
                .iterable(action.stakeholders())
                .onItem()
                .transformToUniAndConcatenate(s -> PartnerUser.findByExternal(
                                event.partnerId(), event.environment().wireName(), s.partnerUserId())
                        .map(Optional::ofNullable))
                .collect()
                .asList()
                .map(found -> {
                    List<PartnerUser> users = new ArrayList<>();
                    found.forEach(f -> users.add(f.orElse(null)));
                    return users;
                });
    }

    private Uni<ActionOutcome> credit(
            EventEnvelope event,
            ActionSubmitted action,
            TokenPool pool,
            CampaignBudget.Choice choice,
            List<PartnerUser> found) {
        Instant now = clock.instant();
        Reward reward = new Reward();
        reward.actionId = action.actionId();
        reward.partnerId = event.partnerId();
        reward.environment = event.environment().wireName();
        reward.poolId = pool.id;
        reward.tokens = choice.tokens();
        reward.status = Reward.COMPLETED;
        reward.campaignId = choice.campaign() == null ? null : choice.campaign().id;
        reward.actionType = action.actionType().name();
        reward.idempotencyKey = action.idempotencyKey();
        reward.createdAt = now;
        // The pool's restrictions at the time of the reward fix when these tokens vest and expire.
        Instant vestsAt = now.plus(Duration.ofDays(pool.vestingDays));
        Instant expiresAt = pool.tokenExpiryDays == null ? null : now.plus(Duration.ofDays(pool.tokenExpiryDays));
        List<Transaction> txns = new ArrayList<>();
        // Only a resubmission can have a refused earlier attempt to clear.
        Uni<Void> chain = action.attempt() > 1
                ? reward.persist().chain(() -> clearFailure(action.actionId()))
                : reward.persist().replaceWithVoid();
        long[] parts = choice.parts();
        for (int i = 0; i < parts.length; i++) {
            Stakeholder s = action.stakeholders().get(i);
            long part = parts[i];
            PartnerUser existing = found.get(i);
            chain = chain.chain(() -> existing != null
                            ? Uni.createFrom().item(existing)
                            : users.ensure(
                                    event.partnerId(),
                                    event.environment().wireName(),
                                    new UserAccounts.NewUser(
                                            s.partnerUserId(),
                                            s.userEmail(),
                                            s.userFirstName(),
                                            s.userLastName(),
                                            null)))
                    .chain(user -> {
                        if (part == 0) {
                            return Uni.createFrom().voidItem();
                        }
                        Transaction t = new Transaction();
                        t.id = "txn_" + Crypto.randomHex(12);
                        t.partnerId = event.partnerId();
                        t.environment = event.environment().wireName();
                        t.userId = user.id;
                        t.actionId = action.actionId();
                        t.stakeholderTypeCode = s.stakeholderTypeCode();
                        t.type = Transaction.REWARD;
                        t.status = Transaction.COMPLETED;
                        t.tokens = part;
                        t.createdAt = now;
                        t.vestsAt = vestsAt;
                        t.vestedAt = pool.vestingDays == 0 ? now : null;
                        t.expiresAt = expiresAt;
                        txns.add(t);
                        return t.persist()
                                .chain(() -> outbox.enqueue(
                                        Topics.REWARD_LIFECYCLE,
                                        event.partnerId(),
                                        derived(
                                                event,
                                                t.id,
                                                EventTypes.TRANSACTION_COMPLETED,
                                                new TransactionCompleted(
                                                        t.id,
                                                        action.actionId(),
                                                        s.partnerUserId(),
                                                        s.stakeholderTypeCode(),
                                                        t.type,
                                                        part))));
                    });
        }
        return chain.chain(() -> emitOutcome(
                event,
                new ActionOutcome(
                        action.actionId(),
                        action.idempotencyKey(),
                        action.actionType(),
                        OutcomeStatus.COMPLETED,
                        choice.tokens(),
                        txns.stream().map(t -> t.id).toList(),
                        null,
                        null,
                        action.attempt())));
    }

    private Uni<ActionOutcome> fail(EventEnvelope event, ActionSubmitted action, FailureCode code, String message) {
        return recordFailure(event, action, code)
                .chain(() -> emitOutcome(
                        event,
                        new ActionOutcome(
                                action.actionId(),
                                action.idempotencyKey(),
                                action.actionType(),
                                OutcomeStatus.FAILED,
                                0,
                                List.of(),
                                code,
                                message,
                                action.attempt())));
    }

    /** What was decided before for this action, in one statement: rewarded, or this attempt (or a later one) refused. */
    private record PriorDecision(boolean rewarded, String refusal) {}

    /**
     * A late redelivery of a refused attempt must not be rewarded after the partner was told it failed (only a
     * resubmission, which is the next attempt, may be); a rewarded action is only announced again.
     */
    private static Uni<PriorDecision> priorDecision(ActionSubmitted action) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "SELECT EXISTS (SELECT 1 FROM rewards WHERE action_id = :id), "
                                        + "(SELECT failure_code FROM failed_actions WHERE action_id = :id AND attempt >= :attempt)",
                                Object[].class)
                        .setParameter("id", action.actionId())
                        .setParameter("attempt", action.attempt())
                        .getSingleResult())
                .map(row -> new PriorDecision(Boolean.TRUE.equals(row[0]), (String) row[1]));
    }

    /** The dashboard counts refusals; a later successful resubmission of the same action clears its row. */
    private Uni<Void> recordFailure(EventEnvelope event, ActionSubmitted action, FailureCode code) {
        String actionId = action.actionId();
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "INSERT INTO failed_actions (action_id, partner_id, environment, failure_code, failed_at, attempt) "
                                        + "VALUES (:id, :partner, :env, :code, :now, :attempt) ON CONFLICT (action_id) DO UPDATE "
                                        + "SET failure_code = EXCLUDED.failure_code, failed_at = EXCLUDED.failed_at, "
                                        + "attempt = GREATEST(failed_actions.attempt, EXCLUDED.attempt)")
                        .setParameter("attempt", action.attempt())
                        .setParameter("id", actionId)
                        .setParameter("partner", event.partnerId())
                        .setParameter("env", event.environment().wireName())
                        .setParameter("code", code.name())
                        .setParameter("now", clock.instant())
                        .executeUpdate())
                .replaceWithVoid();
    }

    private static Uni<Void> clearFailure(String actionId) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("DELETE FROM failed_actions WHERE action_id = :id")
                        .setParameter("id", actionId)
                        .executeUpdate())
                .replaceWithVoid();
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
