package org.sirgiving.rewards.service;

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
import org.sirgiving.rewards.repository.TokenPoolStore;
import org.sirgiving.rewards.repository.TokenPoolStore.BalanceRow;

/**
 * The one place a pool's balance changes: every change is a guarded UPDATE of the pool row plus its ledger entry,
 * inside the caller's transaction. The balance never goes below zero and always equals the sum of the entries.
 * The debit path also applies auto-refill and writes the pool's balance alerts to the outbox (rules: {@link PoolRules}).
 */
@ApplicationScoped
public class PoolLedger {
    private final long sandboxAllocation;
    private final Outbox outbox;
    private final TokenPoolStore pools;
    private final Clock clock;

    public PoolLedger(
            @ConfigProperty(name = "sir.rewards.sandbox-allocation") long sandboxAllocation,
            Outbox outbox,
            TokenPoolStore pools,
            Clock clock) {
        this.sandboxAllocation = sandboxAllocation;
        this.outbox = outbox;
        this.pools = pools;
        this.clock = clock;
    }

    /**
     * The partner's sandbox pool, created with its starting allocation (its first ledger entry) if it does not exist.
     * Concurrent callers race on the (partner, environment) unique constraint; exactly one creates it.
     */
    public Uni<TokenPool> ensureSandboxPool(String partnerId) {
        // Read first: the pool nearly always exists (provisioned with the key), and a read is one statement, not two.
        return pools.findFor(partnerId, Environment.SANDBOX)
                .chain(pool -> pool != null
                        ? Uni.createFrom().item(pool)
                        : insertPool(partnerId, Environment.SANDBOX, sandboxAllocation, "sandbox starting allocation")
                                .chain(() -> pools.findFor(partnerId, Environment.SANDBOX)));
    }

    /** Creates the partner's pool for {@code env} with a first allocation; null when the pool already exists. */
    public Uni<TokenPool> createPool(String partnerId, Environment env, long allocation, String reference) {
        return insertPool(partnerId, env, allocation, reference)
                .chain(created -> created
                        ? pools.findFor(partnerId, env)
                        : Uni.createFrom().nullItem());
    }

    private Uni<Boolean> insertPool(String partnerId, Environment env, long allocation, String reference) {
        String poolId = "pool_" + Crypto.randomHex(12);
        Instant now = clock.instant();
        return pools.insertIfAbsent(poolId, partnerId, env, now)
                .call(inserted -> inserted && allocation > 0
                        ? credit(poolId, allocation, LedgerEntry.Type.ALLOCATION, null, reference)
                        : Uni.createFrom().voidItem());
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
            Uni<BalanceRow> settled = refill > 0
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

    private Uni<Void> alerts(TokenPool pool, long before, BalanceRow after, String actionId, String correlationId) {
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

    private Uni<BalanceRow> change(
            String poolId, long delta, LedgerEntry.Type type, String actionId, String reference) {
        Instant now = clock.instant();
        return pools.applyDelta(poolId, delta, type, now)
                .call(row -> row == null
                        ? Uni.createFrom().voidItem()
                        : pools.append(entry(poolId, type, delta, row.balance(), actionId, reference, now)));
    }

    private static LedgerEntry entry(
            String poolId,
            LedgerEntry.Type type,
            long delta,
            long balanceAfter,
            String actionId,
            String reference,
            Instant now) {
        LedgerEntry e = new LedgerEntry();
        e.poolId = poolId;
        e.entryType = type;
        e.amount = delta;
        e.balanceAfter = balanceAfter;
        e.actionId = actionId;
        e.reference = reference;
        e.createdAt = now;
        return e;
    }
}
