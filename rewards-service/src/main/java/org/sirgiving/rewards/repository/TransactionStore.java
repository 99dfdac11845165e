package org.sirgiving.rewards.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
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

    private static long asLong(Object o) {
        return ((Number) o).longValue();
    }
}
