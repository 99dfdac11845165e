package org.sirgiving.rewards.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import org.sirgiving.rewards.domain.Transaction;

/** Every query of {@code transactions}: the users' ledgers (REWARD +, REVERSAL and EXPIRY −). */
@ApplicationScoped
public class TransactionStore {

    /**
     * A user's sums over their transactions: {@code total} of every token; {@code pending}: rewards not yet vested nor
     * expired; {@code lifetimeEarned}: every reward not reversed; {@code expired}: tokens taken back at expiry.
     */
    public record Sums(long total, long pending, long lifetimeEarned, long expired) {}

    public Uni<Sums> sums(String userId) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "SELECT COALESCE(SUM(tokens), 0)::bigint, "
                                        + "COALESCE(SUM(tokens) FILTER (WHERE type = 'REWARD' AND status = 'COMPLETED' "
                                        + "AND vested_at IS NULL AND expired_at IS NULL), 0)::bigint, "
                                        + "COALESCE(SUM(tokens) FILTER (WHERE type = 'REWARD' AND status = 'COMPLETED'), 0)::bigint, "
                                        + "COALESCE(-SUM(tokens) FILTER (WHERE type = 'EXPIRY'), 0)::bigint "
                                        + "FROM transactions WHERE user_id = :u",
                                Object[].class)
                        .setParameter("u", userId)
                        .getSingleResult())
                .map(r -> new Sums(asLong(r[0]), asLong(r[1]), asLong(r[2]), asLong(r[3])));
    }

    /** One page (0-based {@code pageIndex}) of a user's transactions, newest first. */
    public Uni<List<Transaction>> pageOfUser(String userId, int pageIndex, int size) {
        return ofUser(userId).page(pageIndex, size).list();
    }

    public Uni<Long> countOfUser(String userId) {
        return ofUser(userId).count();
    }

    private static PanacheQuery<Transaction> ofUser(String userId) {
        return Transaction.find("userId = ?1 order by createdAt desc, id", userId);
    }

    public Uni<Void> insert(Transaction t) {
        return t.persist().replaceWithVoid();
    }

    /** Inserts every transaction of {@code txns}; nothing when it is empty. */
    public Uni<Void> insertAll(List<Transaction> txns) {
        // Panache's persist of an empty list fails.
        return txns.isEmpty() ? Uni.createFrom().voidItem() : Transaction.persist(txns);
    }

    /** The action's transactions of {@code type}, in id order. */
    public Uni<List<Transaction>> ofAction(String actionId, Transaction.Type type) {
        return Transaction.<Transaction>find("actionId = ?1 and type = ?2 order by id", actionId, type)
                .list();
    }

    /**
     * The action's REWARD transactions still COMPLETED and not expired, locked until the transaction ends: the expiry
     * job skips what a reversal holds, and a reversal skips what the expiry took first.
     */
    public Uni<List<Transaction>> rewardedUnexpiredForUpdate(String actionId) {
        return Transaction.<Transaction>find(
                        "actionId = ?1 and type = ?2 and status = ?3 and expiredAt is null order by id",
                        actionId,
                        Transaction.Type.REWARD,
                        Transaction.Status.COMPLETED)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }

    /** Stamps {@code vested_at} on at most {@code limit} REWARD transactions due at {@code now}; how many. */
    public Uni<Integer> vestDue(Instant now, int limit) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "UPDATE transactions SET vested_at = :now WHERE id IN (SELECT id FROM transactions "
                                        + "WHERE type = 'REWARD' AND vested_at IS NULL AND vests_at <= :now "
                                        + "ORDER BY vests_at LIMIT :n FOR UPDATE SKIP LOCKED)")
                        .setParameter("now", now)
                        .setParameter("n", limit)
                        .executeUpdate());
    }

    /** A REWARD transaction {@link #expireDue} stamped expired: what its EXPIRY takes back. */
    public record Expired(
            String id,
            String partnerId,
            String environment,
            String userId,
            String actionId,
            String stakeholderTypeCode,
            long tokens) {}

    /**
     * Stamps {@code expired_at} on at most {@code limit} COMPLETED REWARD transactions due at {@code now}, skipping rows
     * another replica or a reversal holds; returns them.
     */
    public Uni<List<Expired>> expireDue(Instant now, int limit) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "UPDATE transactions SET expired_at = :now WHERE id IN (SELECT id FROM transactions "
                                        + "WHERE type = 'REWARD' AND status = 'COMPLETED' AND expired_at IS NULL AND expires_at <= :now "
                                        + "ORDER BY expires_at LIMIT :n FOR UPDATE SKIP LOCKED) "
                                        + "RETURNING id, partner_id, environment, user_id, action_id, stakeholder_type_code, tokens",
                                Object[].class)
                        .setParameter("now", now)
                        .setParameter("n", limit)
                        .getResultList())
                .map(rows -> rows.stream().map(TransactionStore::expired).toList());
    }

    private static Expired expired(Object[] r) {
        return new Expired(
                (String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4], (String) r[5], asLong(r[6]));
    }

    private static long asLong(Object o) {
        return ((Number) o).longValue();
    }
}
