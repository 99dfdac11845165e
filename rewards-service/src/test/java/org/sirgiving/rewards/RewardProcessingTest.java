package org.sirgiving.rewards;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sirgiving.events.ActionType;
import org.sirgiving.events.Environment;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.Topics;
import org.sirgiving.events.payload.ActionOutcome;
import org.sirgiving.events.payload.ActionSubmitted;
import org.sirgiving.events.payload.FailureCode;
import org.sirgiving.events.payload.OutcomeStatus;
import org.sirgiving.events.payload.Stakeholder;
import org.sirgiving.kernel.crypto.Crypto;
import org.sirgiving.rewards.support.LedgerCheck;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.PostgresDatabaseResource;
import org.sirgiving.testinfra.SignedRequests;
import org.sirgiving.testinfra.TestPartners;
import org.sirgiving.testinfra.TopicReader;
import org.sirgiving.testinfra.TopicWriter;

@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
class RewardProcessingTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @AfterEach
    void ledgerHolds() {
        LedgerCheck.assertAllLedgersConsistent();
    }

    static EventEnvelope submitted(TestPartners.Partner p, String amount, boolean autoCreate, String... users) {
        String actionId = "act_" + Crypto.randomHex(12);
        ActionSubmitted data = new ActionSubmitted(
                actionId,
                "k_" + actionId,
                ActionType.PURCHASE,
                new BigDecimal(amount),
                "USD",
                IntStream.range(0, users.length)
                        .mapToObj(i -> new Stakeholder("CUSTOMER", users[i], null, null, null))
                        .toList(),
                autoCreate,
                null,
                Instant.now(),
                1);
        return EventEnvelope.of(
                EventTypes.ACTION_SUBMITTED, p.partnerId(), Environment.SANDBOX, "corr-" + actionId, data);
    }

    static void publish(EventEnvelope e) {
        TopicWriter.send(Topics.ACTIONS, e.partnerId(), e);
    }

    static EventEnvelope outcomeOf(EventEnvelope action) {
        String actionId = action.data().path("actionId").asText();
        return TopicReader.awaitEvent(
                KafkaBrokerResource.bootstrapServers(),
                Topics.REWARD_LIFECYCLE,
                e -> (e.type().equals(EventTypes.ACTION_COMPLETED) || e.type().equals(EventTypes.ACTION_FAILED))
                        && actionId.equals(e.data().path("actionId").asText()),
                WAIT);
    }

    static Response pools(TestPartners.Partner p) {
        return SignedRequests.send(p.keys(), false, "GET", "/v1/partner/token-pools", null);
    }

    static long balance(TestPartners.Partner p) {
        return ((Number) pools(p).then().statusCode(200).extract().path("data[0].balance")).longValue();
    }

    /** The ledger check: the pool's balance equals the sum of its ledger entries. */
    static void assertLedgerSumsToBalance(TestPartners.Partner p) {
        Response pool = pools(p);
        String poolId = pool.path("data[0].id");
        long balance = ((Number) pool.path("data[0].balance")).longValue();
        List<Number> amounts = SignedRequests.send(
                        p.keys(), false, "GET", "/v1/partner/token-pools/" + poolId + "/ledger?page=1&limit=100", null)
                .then()
                .statusCode(200)
                .extract()
                .path("data.amount");
        assertEquals(balance, amounts.stream().mapToLong(Number::longValue).sum());
    }

    @Test
    void aNewSandboxKeyProvisionsThePoolWithItsStartingAllocation() {
        TestPartners.Partner p = TestPartners.sandbox();
        await().atMost(WAIT)
                .untilAsserted(() -> pools(p).then()
                        .statusCode(200)
                        .body("data.size()", is(1))
                        .body("data[0].environment", is("sandbox"))
                        .body("data[0].balance", is(100_000))
                        .body("data[0].totalAllocated", is(100_000)));
        assertLedgerSumsToBalance(p);
    }

    @Test
    void anActionIsRewardedOnceEvenWhenDeliveredTwice() {
        TestPartners.Partner p = TestPartners.sandbox();
        EventEnvelope action = submitted(p, "49.99", true, "alice", "bob", "carol");
        publish(action);
        publish(action);
        EventEnvelope outcome = outcomeOf(action);
        assertEquals(EventTypes.ACTION_COMPLETED, outcome.type());
        ActionOutcome o = outcome.dataAs(ActionOutcome.class);
        assertEquals(50, o.tokensDistributed());
        assertEquals(3, o.transactionIds().size());
        await().atMost(WAIT).untilAsserted(() -> assertEquals(100_000 - 50, balance(p)));
        // A third delivery, well after the first two were processed, changes nothing either.
        publish(action);
        publish(submitted(p, "1", true, "alice"));
        await().atMost(WAIT).untilAsserted(() -> assertEquals(100_000 - 51, balance(p)));
        assertLedgerSumsToBalance(p);
    }

    @Test
    void anActionLargerThanThePoolFailsAndTakesNothing() {
        TestPartners.Partner p = TestPartners.sandbox();
        EventEnvelope action = submitted(p, "100000.50", true, "dave");
        publish(action);
        EventEnvelope outcome = outcomeOf(action);
        assertEquals(EventTypes.ACTION_FAILED, outcome.type());
        assertEquals(
                FailureCode.INSUFFICIENT_POOL,
                outcome.dataAs(ActionOutcome.class).failureCode());
        assertEquals(100_000, balance(p));
        assertLedgerSumsToBalance(p);
    }

    @Test
    void unknownUsersFailWithoutAutoCreate() {
        TestPartners.Partner p = TestPartners.sandbox();
        EventEnvelope action = submitted(p, "10", false, "nobody");
        publish(action);
        ActionOutcome o = outcomeOf(action).dataAs(ActionOutcome.class);
        assertEquals(OutcomeStatus.FAILED, o.status());
        assertEquals(FailureCode.USER_NOT_FOUND, o.failureCode());
    }

    @Test
    void poolsOfAnotherPartnerAreNotFound() {
        TestPartners.Partner a = TestPartners.sandbox();
        TestPartners.Partner b = TestPartners.sandbox();
        await().atMost(WAIT).untilAsserted(() -> pools(a).then().body("data.size()", is(1)));
        String poolOfA = pools(a).path("data[0].id");
        SignedRequests.send(b.keys(), false, "GET", "/v1/partner/token-pools/" + poolOfA, null)
                .then()
                .statusCode(404)
                .body("code", is("NOT_FOUND"));
    }
}
