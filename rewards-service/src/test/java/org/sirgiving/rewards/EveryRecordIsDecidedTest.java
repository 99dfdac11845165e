package org.sirgiving.rewards;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.Topics;
import org.sirgiving.events.payload.ActionOutcome;
import org.sirgiving.events.payload.FailureCode;
import org.sirgiving.events.payload.OutcomeStatus;
import org.sirgiving.kernel.crypto.Crypto;
import org.sirgiving.rewards.support.Fixtures;
import org.sirgiving.rewards.support.LedgerCheck;
import org.sirgiving.rewards.support.LifecycleEvents;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.PostgresDatabaseResource;
import org.sirgiving.testinfra.TestPartners;
import org.sirgiving.testinfra.TopicWriter;

/**
 * Every record rewards-service takes reaches a decision: processed, retried while the failure is transient, or
 * decided as {@code action.failed} the partner can see; only what does not even parse goes to the dead-letter queue,
 * from where an operator re-drives it.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
class EveryRecordIsDecidedTest {

    @AfterEach
    void ledgerHolds() {
        LedgerCheck.assertAllLedgersConsistent();
    }

    @Test
    void anActionWhoseDataCannotBeStoredEndsFailedAndDoesNotHoldUpItsPartner() {
        TestPartners.Partner p = TestPartners.sandbox();
        // U+0000 cannot be stored in PostgreSQL text (SQLSTATE 22021); actions-service refuses it at the edge, so
        // this is a record from an older producer or a bug: it must still end FAILED, not PENDING forever.
        EventEnvelope poison = Fixtures.action(p, "10", "bad\u0000user");
        EventEnvelope next = Fixtures.action(p, "5", "good-user");
        Fixtures.publish(poison);
        Fixtures.publish(next);

        ActionOutcome refused = Fixtures.outcome(poison).dataAs(ActionOutcome.class);
        assertEquals(OutcomeStatus.FAILED, refused.status());
        assertEquals(FailureCode.INVALID_ACTION, refused.failureCode());
        assertEquals(
                OutcomeStatus.COMPLETED,
                Fixtures.outcome(next).dataAs(ActionOutcome.class).status());
        await().atMost(Fixtures.WAIT).untilAsserted(() -> assertEquals(100_000 - 5, RewardProcessingTest.balance(p)));
    }

    @Test
    void anActionWhoseRewardOverflowsEndsFailedWithRewardOverflow() throws Exception {
        TestPartners.Partner p = TestPartners.sandbox();
        await().atMost(Fixtures.WAIT)
                .until(
                        () -> RewardProcessingTest.pools(p).then().extract().path("data.size()"),
                        n -> ((Integer) n) == 1);
        // A campaign written before multipliers were bounded (the API now refuses 100000 and more).
        sql("INSERT INTO campaigns (id, partner_id, environment, name, status, action_types, multiplier, created_at, "
                + "updated_at) VALUES ('camp_" + Crypto.randomHex(12) + "', '" + p.partnerId()
                + "', 'sandbox', 'huge', 'ACTIVE', '[\"PURCHASE\"]', 99999999, now(), now())");
        EventEnvelope action = Fixtures.action(p, "9999999999999.99", "whale");
        Fixtures.publish(action);

        ActionOutcome o = Fixtures.outcome(action).dataAs(ActionOutcome.class);
        assertEquals(OutcomeStatus.FAILED, o.status());
        assertEquals(FailureCode.REWARD_OVERFLOW, o.failureCode());
        assertEquals(100_000, RewardProcessingTest.balance(p));
    }

    @Test
    void aReannouncedOutcomeKeepsItsEventId() {
        TestPartners.Partner p = TestPartners.sandbox();
        EventEnvelope action = Fixtures.action(p, "7", "ann");
        Fixtures.publish(action);
        EventEnvelope first = Fixtures.outcome(action);
        // Redelivered after it was processed (a crash before the offset commit): announced again, same event.
        Fixtures.publish(action);
        String actionId = Fixtures.actionId(action);
        await().atMost(Fixtures.WAIT)
                .until(() ->
                        LifecycleEvents.matching(LifecycleEvents.of(EventTypes.ACTION_COMPLETED, "actionId", actionId))
                                        .size()
                                == 2);
        List<EventEnvelope> announced =
                LifecycleEvents.matching(LifecycleEvents.of(EventTypes.ACTION_COMPLETED, "actionId", actionId));
        assertTrue(
                announced.stream().allMatch(e -> e.id().equals(first.id())),
                "every announcement of one decision carries one event id: "
                        + announced.stream().map(EventEnvelope::id).toList());
        // Its transaction.completed events are written once, with the reward.
        String txn = first.dataAs(ActionOutcome.class).transactionIds().get(0);
        assertEquals(
                1,
                LifecycleEvents.matching(LifecycleEvents.of(EventTypes.TRANSACTION_COMPLETED, "transactionId", txn))
                        .size());
    }

    @Test
    void aTransientDatabaseFailureIsRetriedUntilItPassesNotDecided() throws Exception {
        TestPartners.Partner p = TestPartners.sandbox();
        // PostgreSQL itself raises 53300 (too many connections) on every reward insert while the fault is armed.
        sql("CREATE TABLE IF NOT EXISTS test_faults (armed BOOLEAN)");
        sql("CREATE OR REPLACE FUNCTION test_fault() RETURNS trigger AS $$ BEGIN "
                + "IF EXISTS (SELECT 1 FROM test_faults WHERE armed) THEN "
                + "RAISE EXCEPTION 'injected' USING ERRCODE = '53300'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql");
        sql("DROP TRIGGER IF EXISTS test_fault ON rewards");
        sql("CREATE TRIGGER test_fault BEFORE INSERT ON rewards FOR EACH ROW EXECUTE FUNCTION test_fault()");
        sql("INSERT INTO test_faults VALUES (true)");
        try {
            EventEnvelope action = Fixtures.action(p, "3", "patient");
            Fixtures.publish(action);
            String actionId = Fixtures.actionId(action);
            // While the fault lasts: no decision at all (neither a refusal nor a dead letter).
            await().pollDelay(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(4))
                    .until(() -> true);
            assertEquals(
                    0,
                    LifecycleEvents.matching(e ->
                                    actionId.equals(e.data().path("actionId").asText()))
                            .size());
            sql("DELETE FROM test_faults");
            assertEquals(
                    OutcomeStatus.COMPLETED,
                    Fixtures.outcome(action).dataAs(ActionOutcome.class).status());
        } finally {
            sql("DELETE FROM test_faults");
            sql("DROP TRIGGER IF EXISTS test_fault ON rewards");
        }
    }

    @Test
    void anUnreadableRecordIsDeadLetteredAndCountedAndARedrivenRecordCompletes() {
        TestPartners.Partner p = TestPartners.sandbox();
        TopicWriter.sendRaw(Topics.ACTIONS, p.partnerId(), "{not json");
        await().atMost(Fixtures.WAIT)
                .untilAsserted(() -> RestAssured.get("/q/metrics")
                        .then()
                        .body(Matchers.containsString("sir_dlq_records_total{topic=\"sir.actions.v1\"}")));

        // An action that an earlier version dead-lettered: the operator re-drives the queue, and it is rewarded.
        EventEnvelope parked = Fixtures.action(p, "4", "parked");
        TopicWriter.send(Topics.dlq(Topics.ACTIONS), p.partnerId(), parked);
        Fixtures.asOperator()
                .post("/v1/admin/dlq/" + Topics.ACTIONS + "/redrive")
                .then()
                .statusCode(200)
                .body("topic", is(Topics.ACTIONS))
                .body("redriven", greaterThanOrEqualTo(1));
        assertEquals(
                OutcomeStatus.COMPLETED,
                Fixtures.outcome(parked).dataAs(ActionOutcome.class).status());

        Fixtures.asOperator()
                .post("/v1/admin/dlq/sir.unknown.v1/redrive")
                .then()
                .statusCode(404)
                .body("code", is("NOT_FOUND"));
        RestAssured.given()
                .contentType("application/json")
                .post("/v1/admin/dlq/" + Topics.ACTIONS + "/redrive")
                .then()
                .statusCode(401);
    }

    private static void sql(String statement) throws SQLException {
        var config = ConfigProvider.getConfig();
        try (Connection c = DriverManager.getConnection(
                        config.getValue("quarkus.datasource.jdbc.url", String.class),
                        config.getValue("quarkus.datasource.username", String.class),
                        config.getValue("quarkus.datasource.password", String.class));
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
