package org.sirgiving.rewards;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sirgiving.rewards.support.Fixtures.WAIT;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sirgiving.events.ActionType;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.payload.ActionOutcome;
import org.sirgiving.events.payload.FailureCode;
import org.sirgiving.events.payload.OutcomeStatus;
import org.sirgiving.rewards.service.RewardProcessor;
import org.sirgiving.rewards.support.Fixtures;
import org.sirgiving.rewards.support.LedgerCheck;
import org.sirgiving.rewards.support.LifecycleEvents;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.PostgresDatabaseResource;

/**
 * The balance never goes below zero under concurrency. Kafka gives one partner's actions to one consumer at a time
 * (record key = partner id), so to make rewards really race on one pool this test runs the consumers' own code path,
 * {@link RewardProcessor#process}, for 200 actions at once, each on its own Vert.x context with its own session and
 * database transaction (up to the reactive pool's 16 connections in flight), against one small pool.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
class PoolConcurrencyTest {
    private static final int ACTIONS = 200;
    private static final int TOKENS_EACH = 7;
    private static final long POOL = 1001; // 143 × 7: exactly 143 rewards fit, then the pool is empty

    @Inject
    RewardProcessor processor;

    @Inject
    Vertx vertx;

    @AfterEach
    void ledgerHolds() {
        LedgerCheck.assertAllLedgersConsistent();
    }

    @Test
    void twoHundredConcurrentRewardsNeverOverdrawOneSmallPool() {
        Fixtures.Tenant t = Fixtures.productionTenant(POOL, "{\"lowBalanceThreshold\":500}");
        // Ten users shared by the actions: concurrent first rewards also race to create the same users.
        List<EventEnvelope> actions = IntStream.range(0, ACTIONS)
                .mapToObj(i -> Fixtures.action(
                        t.partner(),
                        t.env(),
                        ActionType.PURCHASE,
                        String.valueOf(TOKENS_EACH),
                        true,
                        Fixtures.customers("cc-" + (i % 10))))
                .toList();
        long started = System.nanoTime();
        List<CompletableFuture<ActionOutcome>> running = new ArrayList<>();
        for (EventEnvelope a : actions) {
            running.add(Fixtures.onVertx(vertx, () -> processor.process(a)));
        }
        List<ActionOutcome> outcomes = running.stream().map(Fixtures::join).toList();
        long millis = (System.nanoTime() - started) / 1_000_000;

        long completed = outcomes.stream()
                .filter(o -> OutcomeStatus.COMPLETED.equals(o.status()))
                .count();
        long refused = outcomes.stream()
                .filter(o -> FailureCode.INSUFFICIENT_POOL == o.failureCode())
                .count();
        System.out.printf(
                "PoolConcurrencyTest: %d concurrent rewards in %d ms: %d completed, %d refused%n",
                ACTIONS, millis, completed, refused);
        assertEquals(POOL / TOKENS_EACH, completed);
        assertEquals(ACTIONS - completed, refused);
        assertEquals(0, Fixtures.balance(t));
        Fixtures.pool(t).then().statusCode(200);
        assertEquals(POOL, (int) Fixtures.pool(t).path("totalDistributed"));
        // Exactly one debit crossed the threshold and exactly one took the last tokens, however they interleaved.
        await().atMost(WAIT)
                .until(() -> !alerts(EventTypes.TOKEN_POOL_DEPLETED, t).isEmpty());
        assertEquals(1, alerts(EventTypes.TOKEN_POOL_LOW_BALANCE, t).size());
        assertEquals(1, alerts(EventTypes.TOKEN_POOL_DEPLETED, t).size());
    }

    @Test
    void aBurstOnTheTopicIsRewardedOnceEachAndStopsAtZero() {
        Fixtures.Tenant t = Fixtures.productionTenant(POOL, null);
        List<EventEnvelope> actions = IntStream.range(0, ACTIONS)
                .mapToObj(i -> Fixtures.action(
                        t.partner(),
                        t.env(),
                        ActionType.PURCHASE,
                        String.valueOf(TOKENS_EACH),
                        true,
                        Fixtures.customers("kb-" + (i % 10))))
                .toList();
        long started = System.nanoTime();
        actions.forEach(Fixtures::publish);
        actions.subList(0, 20).forEach(Fixtures::publish); // redelivered: no second effect
        List<ActionOutcome> outcomes = actions.stream()
                .map(a -> Fixtures.outcome(a).dataAs(ActionOutcome.class))
                .toList();
        System.out.printf(
                "PoolConcurrencyTest: %d actions through Kafka in %d ms%n",
                ACTIONS, (System.nanoTime() - started) / 1_000_000);
        assertEquals(
                POOL / TOKENS_EACH,
                outcomes.stream()
                        .filter(o -> OutcomeStatus.COMPLETED.equals(o.status()))
                        .count());
        await().atMost(WAIT).untilAsserted(() -> assertEquals(0, Fixtures.balance(t)));
        assertTrue(Fixtures.balance(t) >= 0);
    }

    private static List<EventEnvelope> alerts(String type, Fixtures.Tenant t) {
        return LifecycleEvents.matching(LifecycleEvents.of(type, "poolId", t.poolId()));
    }
}
