package org.sirgiving.rewards.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.sirgiving.kernel.crypto.Crypto;
import org.sirgiving.rewards.domain.Transaction;

/**
 * Vests and expires users' tokens at the clock's time. Vesting moves a reward from pending to available without
 * changing the user's total, so it stamps {@code vested_at} on the REWARD transaction; expiry takes tokens away, so it
 * appends an EXPIRY transaction (negative) and stamps {@code expired_at}. Expired tokens are gone: they do not return to
 * the pool (the partner paid them out; the pool's ledger stays the record of what it gave). Rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so replicas, and a reversal running at the same time, never take the same tokens twice.
 */
@ApplicationScoped
public class BalanceMaintenance {
    private static final Logger LOG = Logger.getLogger(BalanceMaintenance.class);

    private final Clock clock;
    private final int batchSize;

    public record Result(int vested, int expired) {}

    public BalanceMaintenance(Clock clock, @ConfigProperty(name = "sir.rewards.maintenance.batch-size") int batchSize) {
        this.clock = clock;
        this.batchSize = batchSize;
    }

    @Scheduled(
            every = "${sir.rewards.maintenance.every}",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onTimer() {
        return runOnce()
                .onFailure()
                .invoke(e -> LOG.warnf("Vesting/expiry run failed, will retry: %s", e.getMessage()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    /** Everything due at the clock's current time, batch after batch. */
    public Uni<Result> runOnce() {
        Instant now = clock.instant();
        return vest(now, 0).chain(vested -> expire(now, 0).map(expired -> new Result(vested, expired)));
    }

    private Uni<Integer> vest(Instant now, int done) {
        return Panache.withTransaction(() -> Panache.getSession()
                        .chain(s -> s.createNativeQuery(
                                        "UPDATE transactions SET vested_at = :now WHERE id IN (SELECT id FROM transactions "
                                                + "WHERE type = 'REWARD' AND vested_at IS NULL AND vests_at <= :now "
                                                + "ORDER BY vests_at LIMIT :n FOR UPDATE SKIP LOCKED)")
                                .setParameter("now", now)
                                .setParameter("n", batchSize)
                                .executeUpdate()))
                .chain(n ->
                        n == batchSize ? vest(now, done + n) : Uni.createFrom().item(done + n));
    }

    private Uni<Integer> expire(Instant now, int done) {
        return Panache.withTransaction(() -> Panache.getSession()
                        .chain(s -> s.createNativeQuery(
                                        "UPDATE transactions SET expired_at = :now WHERE id IN (SELECT id FROM transactions "
                                                + "WHERE type = 'REWARD' AND status = 'COMPLETED' AND expired_at IS NULL AND expires_at <= :now "
                                                + "ORDER BY expires_at LIMIT :n FOR UPDATE SKIP LOCKED) "
                                                + "RETURNING id, partner_id, environment, user_id, action_id, stakeholder_type_code, tokens",
                                        Object[].class)
                                .setParameter("now", now)
                                .setParameter("n", batchSize)
                                .getResultList())
                        .chain(rows -> {
                            List<Transaction> expiries = new ArrayList<>();
                            for (Object[] r : rows) {
                                Transaction t = new Transaction();
                                t.id = "txn_" + Crypto.randomHex(12);
                                t.relatedTransactionId = (String) r[0];
                                t.partnerId = (String) r[1];
                                t.environment = (String) r[2];
                                t.userId = (String) r[3];
                                t.actionId = (String) r[4];
                                t.stakeholderTypeCode = (String) r[5];
                                t.type = Transaction.EXPIRY;
                                t.status = Transaction.COMPLETED;
                                t.tokens = -((Number) r[6]).longValue();
                                t.createdAt = now;
                                expiries.add(t);
                            }
                            return (expiries.isEmpty() ? Uni.createFrom().voidItem() : Transaction.persist(expiries))
                                    .replaceWith(rows.size());
                        }))
                .chain(n -> n == batchSize
                        ? expire(now, done + n)
                        : Uni.createFrom().item(done + n));
    }
}
