package org.sirgiving.rewards;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sirgiving.rewards.support.Fixtures.WAIT;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.sirgiving.events.ActionType;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventTypes;
import org.sirgiving.kernel.crypto.Crypto;
import org.sirgiving.rewards.support.Fixtures;
import org.sirgiving.testinfra.ExposedMetrics;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.PostgresDatabaseResource;

/** The metrics operators' alerts and dashboard read (deploy/metrics.tsv), as /q/metrics exposes them. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
class OperatorMetricsTest {

    private static String scrape() {
        return RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static EventEnvelope rewardOf(Fixtures.Tenant t, String amount) {
        EventEnvelope a = Fixtures.action(
                t.partner(),
                t.env(),
                ActionType.PURCHASE,
                amount,
                true,
                Fixtures.customers("u-" + Crypto.randomHex(3)));
        Fixtures.publish(a);
        return Fixtures.outcome(a);
    }

    @Test
    void everyMetricTheDashboardAndAlertsReadForRewardsServiceIsExposed() {
        Fixtures.Tenant t = Fixtures.productionTenant(100, "{\"lowBalanceThreshold\":10}");
        assertEquals(EventTypes.ACTION_COMPLETED, rewardOf(t, "5").type());
        await().atMost(WAIT).untilAsserted(() -> {
            String metrics = scrape();
            // For whoever edits deploy/metrics.tsv: what this service exposes, beside its surefire reports.
            Files.writeString(Path.of("target/metrics-exposition.txt"), metrics);
            List<String> missing = ExposedMetrics.missingFrom("rewards-service", metrics);
            assertTrue(missing.isEmpty(), () -> "not exposed: " + missing);
        });
    }

    /**
     * The pool gauges follow the balance and the threshold, so an alert keeps firing while a pool stays under its
     * threshold (the token_pool.low_balance event is published once, at the crossing).
     */
    @Test
    void aPoolUnderItsLowBalanceThresholdShowsBothFiguresTaggedWithThePool() {
        Fixtures.Tenant t = Fixtures.productionTenant(100, "{\"lowBalanceThreshold\":30}");
        assertEquals(EventTypes.ACTION_COMPLETED, rewardOf(t, "80").type()); // 100 → 20: under 30
        await().atMost(WAIT).untilAsserted(() -> {
            String metrics = scrape();
            OptionalDouble balance = ExposedMetrics.sample(
                    metrics, "sir_rewards_pool_balance", "pool", t.poolId(), "environment", "production");
            OptionalDouble threshold = ExposedMetrics.sample(
                    metrics,
                    "sir_rewards_pool_low_balance_threshold",
                    "pool",
                    t.poolId(),
                    "partner",
                    t.partner().partnerId());
            assertEquals(OptionalDouble.of(20), balance);
            assertEquals(OptionalDouble.of(30), threshold);
        });

        // Threshold 0 turns the alert off: the pool keeps its balance series and loses its threshold series.
        Fixtures.asOperator()
                .body("{\"lowBalanceThreshold\":0}")
                .patch("/v1/admin/token-pools/" + t.poolId())
                .then()
                .statusCode(200);
        await().atMost(WAIT).untilAsserted(() -> {
            String metrics = scrape();
            assertTrue(ExposedMetrics.sample(metrics, "sir_rewards_pool_balance", "pool", t.poolId())
                    .isPresent());
            assertTrue(ExposedMetrics.sample(metrics, "sir_rewards_pool_low_balance_threshold", "pool", t.poolId())
                    .isEmpty());
        });
    }
}
