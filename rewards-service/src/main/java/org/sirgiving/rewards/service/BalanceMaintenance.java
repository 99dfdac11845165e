package org.sirgiving.rewards.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.sirgiving.kernel.persistence.UnitOfWork;
import org.sirgiving.rewards.domain.Transaction;
import org.sirgiving.rewards.repository.TransactionStore;

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

    private final UnitOfWork tx;
    private final TransactionStore transactions;
    private final Clock clock;
    private final int batchSize;

    public record Result(int vested, int expired) {}

    public BalanceMaintenance(
            UnitOfWork tx,
            TransactionStore transactions,
            Clock clock,
            @ConfigProperty(name = "sir.rewards.maintenance.batch-size") int batchSize) {
        this.tx = tx;
        this.transactions = transactions;
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
        return tx.write(() -> transactions.vestDue(now, batchSize))
                .chain(n ->
                        n == batchSize ? vest(now, done + n) : Uni.createFrom().item(done + n));
    }

    private Uni<Integer> expire(Instant now, int done) {
        return tx.write(() -> transactions
                        .expireDue(now, batchSize)
                        .call(expired -> transactions.insertAll(
                                expired.stream().map(e -> expiryOf(e, now)).toList())))
                .map(List::size)
                .chain(n -> n == batchSize
                        ? expire(now, done + n)
                        : Uni.createFrom().item(done + n));
    }

    private static Transaction expiryOf(TransactionStore.Expired e, Instant now) {
        return Transaction.expiryOf(
                e.id(),
                e.partnerId(),
                e.environment(),
                e.userId(),
                e.actionId(),
                e.stakeholderTypeCode(),
                e.tokens(),
                now);
    }
}
