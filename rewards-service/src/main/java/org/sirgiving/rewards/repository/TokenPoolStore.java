package org.sirgiving.rewards.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import org.sirgiving.events.Environment;
import org.sirgiving.rewards.domain.LedgerEntry;
import org.sirgiving.rewards.domain.TokenPool;

/**
 * Every query of {@code token_pools} and its {@code ledger_entries}. The balance columns change only through
 * {@link #applyDelta}, which only {@code service.PoolLedger} calls (the entity maps them read-only).
 */
@ApplicationScoped
public class TokenPoolStore {

    /** The pool row as the guarded UPDATE left it. */
    public record BalanceRow(
            long balance,
            long totalAllocated,
            long totalDistributed,
            Long lowBalanceThreshold,
            boolean autoRefillEnabled,
            Long autoRefillThreshold,
            Long autoRefillAmount) {}

    /** An active pool's balance and its low-balance threshold (null: no alert), for the pool gauges. */
    public record PoolLevel(
            String poolId, String partnerId, String environment, long balance, Long lowBalanceThreshold) {}

    /** Every ACTIVE pool's level (one row per pool: a partner has at most one per environment). */
    public Uni<List<PoolLevel>> activeLevels() {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "SELECT id, partner_id, environment, balance, low_balance_threshold FROM token_pools "
                                        + "WHERE status = :status ORDER BY id",
                                Object[].class)
                        .setParameter("status", TokenPool.Status.ACTIVE.name())
                        .getResultList())
                .map(rows -> rows.stream()
                        .map(r -> new PoolLevel(
                                (String) r[0], (String) r[1], (String) r[2], asLong(r[3]), asNullableLong(r[4])))
                        .toList());
    }

    /** The partner's pool for {@code env}, or null. */
    public Uni<TokenPool> findFor(String partnerId, Environment env) {
        return TokenPool.<TokenPool>find("partnerId = ?1 and environment = ?2", partnerId, env.wireName())
                .firstResult();
    }

    public Uni<TokenPool> findById(String poolId) {
        return TokenPool.findById(poolId);
    }

    /** The pool, its row locked until the transaction ends (an edit of its settings); null when unknown. */
    public Uni<TokenPool> findByIdForUpdate(String poolId) {
        return TokenPool.<TokenPool>find("id", poolId)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }

    /** The pool if it belongs to the partner's environment, else null. */
    public Uni<TokenPool> findOwned(String poolId, String partnerId, Environment env) {
        return TokenPool.<TokenPool>find(
                        "id = ?1 and partnerId = ?2 and environment = ?3", poolId, partnerId, env.wireName())
                .firstResult();
    }

    /** The partner's pools of {@code env} (at most one today). */
    public Uni<List<TokenPool>> listFor(String partnerId, Environment env) {
        return TokenPool.<TokenPool>find("partnerId = ?1 and environment = ?2", partnerId, env.wireName())
                .list();
    }

    /** One page (0-based {@code pageIndex}) of every pool, or of one partner's ({@code partnerId} not null), newest first. */
    public Uni<List<TokenPool>> page(String partnerId, int pageIndex, int size) {
        return all(partnerId).page(pageIndex, size).list();
    }

    public Uni<Long> count(String partnerId) {
        return all(partnerId).count();
    }

    private static PanacheQuery<TokenPool> all(String partnerId) {
        return partnerId == null
                ? TokenPool.find("order by createdAt desc, id")
                : TokenPool.find("partnerId = ?1 order by createdAt desc, id", partnerId);
    }

    /**
     * Inserts an ACTIVE pool with a zero balance unless the partner has one for {@code env}; true when inserted.
     * Concurrent callers race on the (partner, environment) unique constraint; exactly one inserts.
     */
    public Uni<Boolean> insertIfAbsent(String poolId, String partnerId, Environment env, Instant now) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "INSERT INTO token_pools (id, partner_id, environment, status, balance, "
                                        + "total_allocated, total_distributed, created_at, updated_at) "
                                        + "VALUES (:id, :partner, :env, :status, 0, 0, 0, :now, :now) "
                                        + "ON CONFLICT ON CONSTRAINT token_pools_one_per_environment DO NOTHING")
                        .setParameter("id", poolId)
                        .setParameter("partner", partnerId)
                        .setParameter("env", env.wireName())
                        .setParameter("status", TokenPool.Status.ACTIVE.name())
                        .setParameter("now", now)
                        .executeUpdate())
                .map(n -> n == 1);
    }

    /**
     * The guarded UPDATE: moves the balance by {@code delta} unless it would go below zero, and the total the entry
     * {@code type} counts in (allocated for ALLOCATION and REFILL, distributed for REWARD and REVERSAL). Returns the
     * row after, or null when the pool has fewer tokens than a debit takes. Only PoolLedger calls this, together with
     * {@link #append} of the matching entry.
     */
    public Uni<BalanceRow> applyDelta(String poolId, long delta, LedgerEntry.Type type, Instant now) {
        String totals = switch (type) {
            case ALLOCATION, REFILL -> ", total_allocated = total_allocated + :delta";
            case REWARD, REVERSAL -> ", total_distributed = total_distributed - :delta";
            case EXPIRY -> "";
        };
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
                .map(rows -> rows.isEmpty() ? null : balanceRow(rows.get(0)));
    }

    /** Appends a ledger entry (entries are never updated nor deleted). */
    public Uni<Void> append(LedgerEntry entry) {
        return entry.persist().replaceWithVoid();
    }

    /** One page (0-based {@code pageIndex}) of a pool's ledger, newest first. */
    public Uni<List<LedgerEntry>> ledgerPage(String poolId, int pageIndex, int size) {
        return ledger(poolId).page(pageIndex, size).list();
    }

    public Uni<Long> ledgerCount(String poolId) {
        return ledger(poolId).count();
    }

    private static PanacheQuery<LedgerEntry> ledger(String poolId) {
        return LedgerEntry.find("poolId = ?1 order by id desc", poolId);
    }

    private static BalanceRow balanceRow(Object[] r) {
        return new BalanceRow(
                asLong(r[0]),
                asLong(r[1]),
                asLong(r[2]),
                asNullableLong(r[3]),
                Boolean.TRUE.equals(r[4]),
                asNullableLong(r[5]),
                asNullableLong(r[6]));
    }

    private static long asLong(Object o) {
        return ((Number) o).longValue();
    }

    private static Long asNullableLong(Object o) {
        return o == null ? null : ((Number) o).longValue();
    }
}
