package org.sirgiving.rewards.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.sirgiving.events.Environment;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.Topics;
import org.sirgiving.events.payload.ActionOutcome;
import org.sirgiving.events.payload.ActionSubmitted;
import org.sirgiving.events.payload.Stakeholder;
import org.sirgiving.events.payload.TransactionCompleted;
import org.sirgiving.outbox.Outbox;
import org.sirgiving.outbox.Transactions;
import org.sirgiving.partnerauth.signing.Crypto;
import org.sirgiving.rewards.domain.LedgerEntry;
import org.sirgiving.rewards.domain.PartnerUser;
import org.sirgiving.rewards.domain.Reward;
import org.sirgiving.rewards.domain.TokenPool;
import org.sirgiving.rewards.domain.Transaction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one accepted action into a reward, in one transaction: users, the pool debit (all or nothing), the reward
 * row (at most one per action), the users' transactions and the lifecycle events. A failure writes only its
 * {@code action.failed} event.
 */
@ApplicationScoped
public class RewardProcessor {
    private final Transactions tx;
    private final Outbox outbox;
    private final PoolLedger ledger;

    public RewardProcessor(Transactions tx, Outbox outbox, PoolLedger ledger) {
        this.tx = tx;
        this.outbox = outbox;
        this.ledger = ledger;
    }

    public Uni<ActionOutcome> process(EventEnvelope event) {
        ActionSubmitted action = event.dataAs(ActionSubmitted.class);
        Environment env = event.environment();
        return tx.run(() -> Reward.<Reward>findById(action.actionId()).chain(existing -> existing != null
                ? replay(event, action, existing)
                : poolFor(event.partnerId(), env).chain(pool -> reward(event, action, pool))));
    }

    /** A second delivery of a rewarded action: nothing changes; the outcome is announced again for whoever waits. */
    private Uni<ActionOutcome> replay(EventEnvelope event, ActionSubmitted action, Reward reward) {
        return Transaction.<Transaction>find("actionId = ?1 and type = 'REWARD' order by id", action.actionId()).list()
                .chain(txns -> emitOutcome(event, new ActionOutcome(action.actionId(), action.idempotencyKey(),
                        action.actionType(), ActionOutcome.COMPLETED, reward.tokens,
                        txns.stream().map(t -> t.id).toList(), null, null)));
    }

    private Uni<TokenPool> poolFor(String partnerId, Environment env) {
        return env == Environment.SANDBOX ? ledger.ensureSandboxPool(partnerId) : TokenPool.findFor(partnerId, env);
    }

    private Uni<ActionOutcome> reward(EventEnvelope event, ActionSubmitted action, TokenPool pool) {
        if (pool == null || !"ACTIVE".equals(pool.status)) {
            return fail(event, action, "INSUFFICIENT_POOL", "No active token pool for this environment");
        }
        long tokens = RewardRule.defaultTokens(action.amount());
        long[] parts = RewardRule.splitEqually(tokens, action.stakeholders().size());
        return resolveUsers(event, action).chain(users -> {
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < users.size(); i++) {
                if (users.get(i) == null && !action.autoCreateUsers()) {
                    missing.add(action.stakeholders().get(i).partnerUserId());
                }
            }
            if (!missing.isEmpty()) {
                return fail(event, action, "USER_NOT_FOUND", "Unknown partnerUserId: " + String.join(", ", missing)
                        + " (send autoCreateUsers: true to create them)");
            }
            return ledger.debit(pool.id, tokens, LedgerEntry.Type.REWARD, action.actionId(), null).chain(after -> after == null
                    ? fail(event, action, "INSUFFICIENT_POOL", "The token pool has fewer than " + tokens + " tokens")
                    : credit(event, action, pool, tokens, parts, users));
        });
    }

    /** The stakeholders' users, in order; null where the partner has no such user yet. */
    private Uni<List<PartnerUser>> resolveUsers(EventEnvelope event, ActionSubmitted action) {
        return Multi.createFrom().iterable(action.stakeholders())
                .onItem().transformToUniAndConcatenate(s -> PartnerUser.findByExternal(event.partnerId(),
                        event.environment().wireName(), s.partnerUserId()).map(java.util.Optional::ofNullable))
                .collect().asList()
                .map(found -> {
                    List<PartnerUser> users = new ArrayList<>();
                    found.forEach(f -> users.add(f.orElse(null)));
                    return users;
                });
    }

    private Uni<ActionOutcome> credit(EventEnvelope event, ActionSubmitted action, TokenPool pool, long tokens, long[] parts,
                                      List<PartnerUser> found) {
        Instant now = Instant.now();
        Reward reward = new Reward();
        reward.actionId = action.actionId();
        reward.partnerId = event.partnerId();
        reward.environment = event.environment().wireName();
        reward.poolId = pool.id;
        reward.tokens = tokens;
        reward.status = "COMPLETED";
        reward.createdAt = now;
        List<Transaction> txns = new ArrayList<>();
        Uni<Void> chain = reward.persist().replaceWithVoid();
        for (int i = 0; i < parts.length; i++) {
            Stakeholder s = action.stakeholders().get(i);
            long part = parts[i];
            PartnerUser existing = found.get(i);
            chain = chain.chain(() -> existing != null ? Uni.createFrom().item(existing) : createUser(event, s, now))
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
                        t.type = "REWARD";
                        t.status = "COMPLETED";
                        t.tokens = part;
                        t.createdAt = now;
                        txns.add(t);
                        return t.persist().chain(() -> outbox.enqueue(Topics.REWARD_LIFECYCLE, event.partnerId(),
                                derived(event, EventTypes.TRANSACTION_COMPLETED, new TransactionCompleted(t.id,
                                        action.actionId(), s.partnerUserId(), s.stakeholderTypeCode(), t.type, part))));
                    });
        }
        return chain.chain(() -> emitOutcome(event, new ActionOutcome(action.actionId(), action.idempotencyKey(),
                action.actionType(), ActionOutcome.COMPLETED, tokens, txns.stream().map(t -> t.id).toList(), null, null)));
    }

    private static Uni<PartnerUser> createUser(EventEnvelope event, Stakeholder s, Instant now) {
        PartnerUser u = new PartnerUser();
        u.id = "usr_" + Crypto.randomHex(12);
        u.partnerId = event.partnerId();
        u.environment = event.environment().wireName();
        u.externalId = s.partnerUserId();
        u.email = s.userEmail();
        u.firstName = s.userFirstName();
        u.lastName = s.userLastName();
        u.createdAt = now;
        u.updatedAt = now;
        return u.persist();
    }

    private Uni<ActionOutcome> fail(EventEnvelope event, ActionSubmitted action, String code, String message) {
        return emitOutcome(event, new ActionOutcome(action.actionId(), action.idempotencyKey(), action.actionType(),
                ActionOutcome.FAILED, 0, List.of(), code, message));
    }

    private Uni<ActionOutcome> emitOutcome(EventEnvelope cause, ActionOutcome outcome) {
        String type = ActionOutcome.COMPLETED.equals(outcome.status()) ? EventTypes.ACTION_COMPLETED : EventTypes.ACTION_FAILED;
        return outbox.enqueue(Topics.REWARD_LIFECYCLE, cause.partnerId(), derived(cause, type, outcome)).replaceWith(outcome);
    }

    private static EventEnvelope derived(EventEnvelope cause, String type, Object data) {
        return EventEnvelope.of(type, cause.partnerId(), cause.environment(), cause.correlationId(), data);
    }
}
