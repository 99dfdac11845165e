package org.sirgiving.rewards;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sirgiving.rewards.support.Fixtures.WAIT;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sirgiving.events.ActionType;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.payload.ActionOutcome;
import org.sirgiving.events.payload.OutcomeStatus;
import org.sirgiving.rewards.service.ReversalProcessor;
import org.sirgiving.rewards.service.RewardProcessor;
import org.sirgiving.rewards.support.Fixtures;
import org.sirgiving.rewards.support.LedgerCheck;
import org.sirgiving.rewards.support.LifecycleEvents;
import org.sirgiving.rewards.support.PoolModel;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.PostgresDatabaseResource;

/**
 * The property test's random sequences (jqwik's generators, sampled here because jqwik's engine cannot start Quarkus)
 * run against the real service and database: after every operation the pool agrees with {@link PoolModel} on balance,
 * totals and ledger, and at the end on the alerts it announced; the ledger check runs after the test.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
class PoolLedgerSequencesTest {
    private static final int SEQUENCES = 8;
    private static final int MAX_LENGTH = 30;

    @Inject
    RewardProcessor rewards;

    @Inject
    ReversalProcessor reversals;

    @Inject
    Vertx vertx;

    @AfterEach
    void ledgerHolds() {
        LedgerCheck.assertAllLedgersConsistent();
    }

    @Test
    void randomSequencesOfAllocationsRewardsAndReversalsKeepThePoolWhereTheModelSaysItIs() {
        long started = System.nanoTime();
        int operations = 0;
        for (int run = 0; run < SEQUENCES; run++) {
            List<PoolModel.Op> ops = PoolModel.sequences(MAX_LENGTH).sample();
            long initial = 100 + run * 50L;
            Fixtures.Tenant t = Fixtures.productionTenant(initial, null);
            PoolModel model = new PoolModel(initial);
            Map<String, String> actionIds = new HashMap<>();
            for (int i = 0; i < ops.size(); i++) {
                PoolModel.Op op = ops.get(i);
                String key = model.apply(op);
                apply(t, op, key, actionIds);
                String where = "after op " + i + " " + op + " of " + ops;
                Response pool = Fixtures.pool(t);
                assertEquals(model.balance, ((Number) pool.path("balance")).longValue(), "balance " + where);
                assertEquals(model.allocated, ((Number) pool.path("totalAllocated")).longValue(), "allocated " + where);
                assertEquals(
                        model.distributed,
                        ((Number) pool.path("totalDistributed")).longValue(),
                        "distributed " + where);
            }
            operations += ops.size();
            Response ledger = Fixtures.signed(
                    t, false, "GET", "/v1/partner/token-pools/" + t.poolId() + "/ledger?limit=100", null);
            List<Number> amounts = ledger.path("data.amount");
            assertEquals(
                    model.entries.stream().filter(e -> e != 0).count(),
                    amounts.stream().filter(a -> a.longValue() != 0).count(),
                    "ledger entries of " + ops);
            assertEquals(
                    model.balance, amounts.stream().mapToLong(Number::longValue).sum());
            int low = model.lowAlerts;
            int depleted = model.depletedAlerts;
            await().atMost(WAIT).untilAsserted(() -> {
                assertEquals(low, alerts(EventTypes.TOKEN_POOL_LOW_BALANCE, t).size(), "low-balance alerts of " + ops);
                assertEquals(depleted, alerts(EventTypes.TOKEN_POOL_DEPLETED, t).size(), "depleted alerts of " + ops);
            });
        }
        System.out.printf(
                "PoolLedgerSequencesTest: %d sequences, %d operations in %d ms%n",
                SEQUENCES, operations, (System.nanoTime() - started) / 1_000_000);
    }

    private void apply(Fixtures.Tenant t, PoolModel.Op op, String key, Map<String, String> actionIds) {
        if (op instanceof PoolModel.Allocate a) {
            Fixtures.asOperator()
                    .body("{\"amount\":" + a.amount() + "}")
                    .post("/v1/admin/token-pools/" + t.poolId() + "/allocations")
                    .then()
                    .statusCode(200);
        } else if (op instanceof PoolModel.Reward r) {
            EventEnvelope action = Fixtures.action(
                    t.partner(),
                    t.env(),
                    ActionType.PURCHASE,
                    String.valueOf(r.tokens()),
                    true,
                    Fixtures.customers("seq-a", "seq-b"));
            ActionOutcome o = Fixtures.join(Fixtures.onVertx(vertx, () -> rewards.process(action)));
            assertEquals(
                    key != null, OutcomeStatus.COMPLETED.equals(o.status()), "model and service disagree on " + op);
            if (key != null) {
                actionIds.put(key, o.actionId());
            }
        } else if (op instanceof PoolModel.Reverse) {
            if (key != null) {
                EventEnvelope reversal = Fixtures.reversal(t.partner(), t.env(), actionIds.get(key), "model");
                Fixtures.join(Fixtures.onVertx(vertx, () -> reversals.reverse(reversal)));
            }
        } else if (op instanceof PoolModel.Restrict s) {
            String refill = s.refillAmount() > 0
                    ? "{\"enabled\":true,\"threshold\":" + s.refillThreshold() + ",\"amount\":" + s.refillAmount() + "}"
                    : "{\"enabled\":false}";
            Fixtures.asOperator()
                    .body("{\"lowBalanceThreshold\":" + s.low() + ",\"autoRefill\":" + refill + "}")
                    .patch("/v1/admin/token-pools/" + t.poolId())
                    .then()
                    .statusCode(200);
        }
    }

    private static List<EventEnvelope> alerts(String type, Fixtures.Tenant t) {
        return LifecycleEvents.matching(LifecycleEvents.of(type, "poolId", t.poolId()));
    }
}
