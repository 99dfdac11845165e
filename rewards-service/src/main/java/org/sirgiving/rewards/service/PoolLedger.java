package org.sirgiving.rewards.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.sirgiving.events.Environment;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.Topics;
import org.sirgiving.events.payload.TokenPoolBalance;
import org.sirgiving.kernel.crypto.Crypto;
import org.sirgiving.outbox.Outbox;
import org.sirgiving.rewards.domain.LedgerEntry;
import org.sirgiving.rewards.domain.TokenPool;

/**
 * The one place a pool's balance changes: every change is a guarded UPDATE of the pool row plus its ledger entry,
 * inside the caller's transaction. The balance never goes below zero and always equals the sum of the entries.
 * The debit path also applies auto-refill and writes the pool's balance alerts to the outbox (rules: {@link PoolRules}).
 */
@ApplicationScoped
public class PoolLedger {
    private final long sandboxAllocation;
    private final Outbox outbox;
    private final Clock clock;

    /** The pool row as the guarded UPDATE left it. */
    record PoolRow(
            long balance,
            long totalAllocated,
            long totalDistributed,
            Long lowBalanceThreshold,
            boolean autoRefillEnabled,
            Long autoRefillThreshold,
            Long autoRefillAmount) {}

    public PoolLedger(
            @ConfigProperty(name = "sir.rewards.sandbox-allocation") long sandboxAllocation,
            Outbox outbox,
            Clock clock) {
        this.sandboxAllocation = sandboxAllocation;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * The partner's sandbox pool, created with its starting allocation (its first ledger entry) if it does not exist.
     * Concurrent callers race on the (partner, environment) unique constraint; exactly one creates it.
     */
    public Uni<TokenPool> ensureSandboxPool(String partnerId) {
        // Read first: the pool nearly always exists (provisioned with the key), and a read is one statement, not two.
        return TokenPool.findFor(partnerId, Environment.SANDBOX)
                .chain(pool -> pool != null
                        ? Uni.createFrom().item(pool)
                        : insertPool(partnerId, Environment.SANDBOX, sandboxAllocation, "sandbox starting allocation")
                                .chain(() -> TokenPool.findFor(partnerId, Environment.SANDBOX)));
    }

    /** Creates the partner's pool for {@code env} with a first allocation; null when the pool already exists. */
    public Uni<TokenPool> createPool(String partnerId, Environment env, long allocation, String reference) {
        return insertPool(partnerId, env, allocation, reference)
                .chain(created -> created
                        ? TokenPool.findFor(partnerId, env)
                        : Uni.createFrom().nullItem());
    }

    private Uni<Boolean> insertPool(String partnerId, Environment env, long allocation, String reference) {
        String poolId = "pool_" + Crypto.randomHex(12);
        Instant now = clock.instant();
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "INSERT INTO token_pools (id, partner_id, environment, status, balance, total_allocated, "
                                        + "total_distributed, created_at, updated_at) VALUES (:id, :partner, :env, 'ACTIVE', 0, 0, 0, :now, :now) "
                                        + "ON CONFLICT ON CONSTRAINT token_pools_one_per_environment DO NOTHING")
                        .setParameter("id", poolId)
                        .setParameter("partner", partnerId)
                        .setParameter("env", env.wireName())
                        .setParameter("now", now)
                        .executeUpdate())
                .chain(inserted -> inserted == 1 && allocation > 0
                        ? credit(poolId, allocation, LedgerEntry.Type.ALLOCATION, null, reference)
                                .replaceWith(true)
                        : Uni.createFrom().item(inserted == 1));
    }

    /**
     * Takes {@code tokens} from the pool for a reward, all or nothing. Returns the balance after (including any
     * auto-refill this debit triggered), or null when the pool has fewer tokens. A debit that leaves the balance under
     * the auto-refill threshold refills it (a REFILL entry); crossing the low-balance threshold downwards or reaching
     * zero writes {@code token_pool.low_balance} / {@code token_pool.depleted} to the outbox, in the same transaction.
     */
    public Uni<Long> debit(TokenPool pool, long tokens, String actionId, String correlationId) {
        return change(pool.id, -tokens, LedgerEntry.Type.REWARD, actionId, null).chain(row -> {
            if (row == null) {
                return Uni.createFrom().nullItem();
            }
            long before = row.balance() + tokens;
            long refill = PoolRules.refill(
                    row.balance(), row.autoRefillEnabled(), row.autoRefillThreshold(), row.autoRefillAmount());
            Uni<PoolRow> settled = refill > 0
                    ? change(pool.id, refill, LedgerEntry.Type.REFILL, actionId, "auto-refill")
                    : Uni.createFrom().item(row);
            return settled.chain(after ->
                    alerts(pool, before, after, actionId, correlationId).replaceWith(after.balance()));
        });
    }

    public Uni<Void> credit(String poolId, long tokens, LedgerEntry.Type type, String actionId, String reference) {
        if (tokens <= 0) {
            throw new IllegalArgumentException("A credit adds tokens: " + tokens);
        }
        return change(poolId, tokens, type, actionId, reference).replaceWithVoid();
    }

    /** After its restrictions changed: a pool already under a newly enabled auto-refill threshold is refilled now. */
    public Uni<Void> refillIfUnder(TokenPool pool) {
        long refill =
                PoolRules.refill(pool.balance, pool.autoRefillEnabled, pool.autoRefillThreshold, pool.autoRefillAmount);
        return refill > 0
                ? credit(pool.id, refill, LedgerEntry.Type.REFILL, null, "auto-refill")
                : Uni.createFrom().voidItem();
    }

    private Uni<Void> alerts(TokenPool pool, long before, PoolRow after, String actionId, String correlationId) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        TokenPoolBalance data = new TokenPoolBalance(
                pool.id,
                after.balance(),
                after.lowBalanceThreshold(),
                after.totalAllocated(),
                after.totalDistributed(),
                actionId);
        if (PoolRules.crossedLowBalance(before, after.balance(), after.lowBalanceThreshold())) {
            chain = chain.chain(() -> announce(pool, EventTypes.TOKEN_POOL_LOW_BALANCE, data, correlationId));
        }
        if (PoolRules.depleted(before, after.balance())) {
            chain = chain.chain(() -> announce(pool, EventTypes.TOKEN_POOL_DEPLETED, data, correlationId));
        }
        return chain;
    }

    private Uni<Void> announce(TokenPool pool, String type, TokenPoolBalance data, String correlationId) {
        return outbox.enqueue(
                Topics.REWARD_LIFECYCLE,
                pool.partnerId,
                EventEnvelope.of(type, pool.partnerId, Environment.fromWire(pool.environment), correlationId, data));
    }

    private Uni<PoolRow> change(String poolId, long delta, LedgerEntry.Type type, String actionId, String reference) {
        String totals = switch (type) {
            case ALLOCATION, REFILL -> ", total_allocated = total_allocated + :delta";
            case REWARD, REVERSAL -> ", total_distributed = total_distributed - :delta";
            case EXPIRY -> "";
        };
        Instant now = clock.instant();
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "UPDATE token_pools SET balance = balance + :delta, updated_at = :now" + totals
                                        + " WHERE id = :id AND balance + :delta >= 0 RETURNING balance, total_allocated, "
                                        + "total_distributed, low_balance_threshold, auto_refill_enabled, auto_refill_threshold, "
                                        + "auto_refill_amount",
                                Object[].class)
                        .setParameter("delta", delta)
                        .setParameter("now", now)
                        .setParameter("id", poolId)
                        .getResultList())
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().nullItem();
                    }
                    Object[] r = rows.get(0);
                    PoolRow row = new PoolRow(
                            asLong(r[0]),
                            asLong(r[1]),
                            asLong(r[2]),
                            asNullableLong(r[3]),
                            Boolean.TRUE.equals(r[4]),
                            asNullableLong(r[5]),
                            asNullableLong(r[6]));
                    LedgerEntry e = new LedgerEntry();
                    e.poolId = poolId;
                    e.entryType = type;
                    e.amount = delta;
                    e.balanceAfter = row.balance();
                    e.actionId = actionId;
                    e.reference = reference;
                    e.createdAt = now;
                    return e.persist().replaceWith(row);
                });
    }

    private static long asLong(Object o) {
        return ((Number) o).longValue();
    }

    private static Long asNullableLong(Object o) {
        return o == null ? null : ((Number) o).longValue();
    }
}
