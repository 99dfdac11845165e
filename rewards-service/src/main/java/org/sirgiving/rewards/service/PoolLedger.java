package org.sirgiving.rewards.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.sirgiving.events.Environment;
import org.sirgiving.partnerauth.signing.Crypto;
import org.sirgiving.rewards.domain.LedgerEntry;
import org.sirgiving.rewards.domain.TokenPool;

import java.time.Instant;

/**
 * The one place a pool's balance changes: every change is a guarded UPDATE of the pool row plus its ledger entry,
 * inside the caller's transaction. The balance never goes below zero and always equals the sum of the entries.
 */
@ApplicationScoped
public class PoolLedger {
    private final long sandboxAllocation;

    public PoolLedger(@ConfigProperty(name = "sir.rewards.sandbox-allocation") long sandboxAllocation) {
        this.sandboxAllocation = sandboxAllocation;
    }

    /**
     * The partner's sandbox pool, created with its starting allocation (its first ledger entry) if it does not exist.
     * Concurrent callers race on the (partner, environment) unique constraint; exactly one creates it.
     */
    public Uni<TokenPool> ensureSandboxPool(String partnerId) {
        String poolId = "pool_" + Crypto.randomHex(12);
        Instant now = Instant.now();
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "INSERT INTO token_pools (id, partner_id, environment, status, balance, total_allocated, "
                                + "total_distributed, created_at, updated_at) VALUES (:id, :partner, 'sandbox', 'ACTIVE', 0, 0, 0, :now, :now) "
                                + "ON CONFLICT ON CONSTRAINT token_pools_one_per_environment DO NOTHING")
                .setParameter("id", poolId).setParameter("partner", partnerId).setParameter("now", now)
                .executeUpdate())
                .chain(inserted -> inserted == 1
                        ? credit(poolId, sandboxAllocation, LedgerEntry.Type.ALLOCATION, null, "sandbox starting allocation")
                        : Uni.createFrom().voidItem())
                .chain(() -> TokenPool.findFor(partnerId, Environment.SANDBOX));
    }

    /** Takes {@code tokens} from the pool, all or nothing. Returns the balance after, or null when it would go negative. */
    public Uni<Long> debit(String poolId, long tokens, LedgerEntry.Type type, String actionId, String reference) {
        return change(poolId, -tokens, type, actionId, reference);
    }

    public Uni<Void> credit(String poolId, long tokens, LedgerEntry.Type type, String actionId, String reference) {
        return change(poolId, tokens, type, actionId, reference).replaceWithVoid();
    }

    private Uni<Long> change(String poolId, long delta, LedgerEntry.Type type, String actionId, String reference) {
        String totals = switch (type) {
            case ALLOCATION, REFILL -> ", total_allocated = total_allocated + :delta";
            case REWARD, REVERSAL -> ", total_distributed = total_distributed - :delta";
            case EXPIRY -> "";
        };
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "UPDATE token_pools SET balance = balance + :delta, updated_at = :now" + totals
                                + " WHERE id = :id AND balance + :delta >= 0 RETURNING balance", Long.class)
                .setParameter("delta", delta).setParameter("now", Instant.now()).setParameter("id", poolId)
                .getResultList())
                .chain(after -> {
                    if (after.isEmpty()) {
                        return Uni.createFrom().nullItem();
                    }
                    LedgerEntry e = new LedgerEntry();
                    e.poolId = poolId;
                    e.entryType = type;
                    e.amount = delta;
                    e.balanceAfter = after.get(0);
                    e.actionId = actionId;
                    e.reference = reference;
                    e.createdAt = Instant.now();
                    return e.persist().replaceWith(after.get(0));
                });
    }
}
