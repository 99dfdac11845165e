package org.sirgiving.rewards.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;
import org.sirgiving.kernel.persistence.UnitOfWork;
import org.sirgiving.rewards.repository.TokenPoolStore;
import org.sirgiving.rewards.repository.TokenPoolStore.PoolLevel;

/**
 * Every active pool's balance and low-balance threshold as gauges ({@code sir_rewards_pool_balance},
 * {@code sir_rewards_pool_low_balance_threshold}, tagged pool, partner, environment), so that an alert fires while a
 * pool stays under its threshold, not only at the one {@code token_pool.low_balance} event that crossed it. Read on a
 * timer (a scrape must not wait on the database); a pool without a threshold has no threshold series.
 */
@ApplicationScoped
public class PoolLevels {
    private static final Logger LOG = Logger.getLogger(PoolLevels.class);

    private final UnitOfWork work;
    private final TokenPoolStore pools;
    private final MultiGauge balance;
    private final MultiGauge threshold;

    public PoolLevels(UnitOfWork work, TokenPoolStore pools, MeterRegistry metrics) {
        this.work = work;
        this.pools = pools;
        this.balance = MultiGauge.builder("sir.rewards.pool.balance")
                .description("Tokens left in an active pool")
                .register(metrics);
        this.threshold = MultiGauge.builder("sir.rewards.pool.low.balance.threshold")
                .description("An active pool's low-balance threshold (pools without one have no series)")
                .register(metrics);
    }

    @Scheduled(
            every = "${sir.rewards.pool-levels.every}",
            delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onTimer() {
        return refresh()
                .onFailure()
                .invoke(e -> LOG.debugf("Pool levels not read, keeping the last figures: %s", e.getMessage()))
                .onFailure()
                .recoverWithNull();
    }

    /** Reads every active pool now; pools gone or suspended since the last read lose their series. */
    public Uni<Void> refresh() {
        return work.read(pools::activeLevels).invoke(this::publish).replaceWithVoid();
    }

    private void publish(List<PoolLevel> levels) {
        balance.register(
                levels.stream()
                        .map(l -> MultiGauge.Row.of(tags(l), l.balance()))
                        .toList(),
                true);
        threshold.register(
                levels.stream()
                        .filter(l -> l.lowBalanceThreshold() != null)
                        .map(l -> MultiGauge.Row.of(tags(l), l.lowBalanceThreshold()))
                        .toList(),
                true);
    }

    private static Tags tags(PoolLevel l) {
        return Tags.of("pool", l.poolId(), "partner", l.partnerId(), "environment", l.environment());
    }
}
