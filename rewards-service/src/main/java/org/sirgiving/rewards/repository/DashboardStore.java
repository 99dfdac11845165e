package org.sirgiving.rewards.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.sirgiving.rewards.domain.PartnerActivity;
import org.sirgiving.rewards.domain.PartnerScope;

/**
 * The dashboard's figures, read across rewards, failed_actions, ledger_entries, transactions and token_pools in one
 * statement (one consistent snapshot, one round trip): a read model that no single aggregate's store owns.
 */
@ApplicationScoped
public class DashboardStore {
    private static final String ACTIVITY = "SELECT "
            + "(SELECT count(*) FROM rewards WHERE partner_id = :p AND environment = :e AND status = 'COMPLETED' "
            + "  AND created_at >= :from AND created_at < :to), "
            + "(SELECT count(*) FROM rewards WHERE partner_id = :p AND environment = :e AND status = 'REVERSED' "
            + "  AND created_at >= :from AND created_at < :to), "
            + "(SELECT count(*) FROM failed_actions WHERE partner_id = :p AND environment = :e "
            + "  AND failed_at >= :from AND failed_at < :to), "
            + "(SELECT COALESCE(-SUM(l.amount), 0)::bigint FROM ledger_entries l JOIN token_pools tp ON tp.id = l.pool_id "
            + "  WHERE tp.partner_id = :p AND tp.environment = :e AND l.entry_type IN ('REWARD', 'REVERSAL') "
            + "  AND l.created_at >= :from AND l.created_at < :to), "
            + "(SELECT count(DISTINCT user_id) FROM transactions WHERE partner_id = :p AND environment = :e "
            + "  AND type = 'REWARD' AND created_at >= :from AND created_at < :to), "
            + "(SELECT balance FROM token_pools WHERE partner_id = :p AND environment = :e)";

    /** The partner's activity in {@code [from, to)}. */
    public Uni<PartnerActivity> activity(PartnerScope owner, Instant from, Instant to) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(ACTIVITY, Object[].class)
                        .setParameter("p", owner.partnerId())
                        .setParameter("e", owner.environmentName())
                        .setParameter("from", from)
                        .setParameter("to", to)
                        .getSingleResult())
                .map(r -> new PartnerActivity(
                        asLong(r[0]), asLong(r[1]), asLong(r[2]), asLong(r[3]), asLong(r[4]), asNullableLong(r[5])));
    }

    private static long asLong(Object o) {
        return ((Number) o).longValue();
    }

    private static Long asNullableLong(Object o) {
        return o == null ? null : asLong(o);
    }
}
