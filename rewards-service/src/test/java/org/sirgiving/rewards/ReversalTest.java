package org.sirgiving.rewards;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sirgiving.rewards.support.Fixtures.WAIT;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sirgiving.events.ActionType;
import org.sirgiving.events.Environment;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventJson;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.payload.ActionOutcome;
import org.sirgiving.events.payload.OutcomeStatus;
import org.sirgiving.events.payload.ReversalRequested;
import org.sirgiving.rewards.support.Fixtures;
import org.sirgiving.rewards.support.LedgerCheck;
import org.sirgiving.rewards.support.LifecycleEvents;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.PostgresDatabaseResource;

@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
class ReversalTest {

    @AfterEach
    void ledgerHolds() {
        LedgerCheck.assertAllLedgersConsistent();
    }

    @Test
    void aReversalReturnsTheTokensDebitsTheUsersAndIsAnnouncedOnce() {
        Fixtures.Tenant t = Fixtures.sandboxTenant();
        EventEnvelope action = Fixtures.action(t.partner(), "49.99", "rev-alice", "rev-bob");
        Fixtures.publish(action);
        ActionOutcome rewarded = Fixtures.outcome(action).dataAs(ActionOutcome.class);
        assertEquals(50, rewarded.tokensDistributed());
        assertEquals(100_000 - 50, Fixtures.balance(t));

        Fixtures.publish(Fixtures.reversal(t.partner(), Environment.SANDBOX, rewarded.actionId(), "refund"));
        EventEnvelope reversed = LifecycleEvents.await(
                LifecycleEvents.of(EventTypes.ACTION_REVERSED, "actionId", rewarded.actionId()), WAIT);
        ActionOutcome r = reversed.dataAs(ActionOutcome.class);
        assertEquals(OutcomeStatus.REVERSED, r.status());
        assertEquals(50, r.tokensDistributed());
        assertEquals(rewarded.idempotencyKey(), r.idempotencyKey());
        assertEquals(2, r.transactionIds().size());

        Response pool = Fixtures.pool(t);
        pool.then().body("balance", is(100_000)).body("totalDistributed", is(0)).body("totalAllocated", is(100_000));
        Response ledger = Fixtures.signed(t, false, "GET", "/v1/partner/token-pools/" + t.poolId() + "/ledger", null);
        ledger.then()
                .body("data[0].type", is("REVERSAL"))
                .body("data[0].amount", is(50))
                .body("data[0].actionId", is(rewarded.actionId()));

        // Each user: the REWARD is marked REVERSED and a REVERSAL takes its tokens back; the balance is 0.
        for (String user : List.of("rev-alice", "rev-bob")) {
            Response txns = Fixtures.signed(t, false, "GET", "/v1/partner/users/" + user + "/transactions", null);
            txns.then()
                    .statusCode(200)
                    .body("total", is(2))
                    .body("data.find { it.type == 'REWARD' }.status", is("REVERSED"))
                    .body("data.find { it.type == 'REVERSAL' }.status", is("COMPLETED"));
            int rewardTokens = txns.path("data.find { it.type == 'REWARD' }.tokens");
            int reversalTokens = txns.path("data.find { it.type == 'REVERSAL' }.tokens");
            assertEquals(-rewardTokens, reversalTokens);
            assertTrue(r.transactionIds().contains(txns.<String>path("data.find { it.type == 'REVERSAL' }.id")));
            Fixtures.signed(t, false, "GET", "/v1/partner/users/" + user + "/balance", null)
                    .then()
                    .body("available", is(0))
                    .body("pending", is(0))
                    .body("lifetimeEarned", is(0));
        }

        // A second request changes nothing and announces the same outcome again.
        Fixtures.publish(Fixtures.reversal(t.partner(), Environment.SANDBOX, rewarded.actionId(), "again"));
        await().atMost(WAIT)
                .until(() -> Fixtures.reversedEvents(rewarded.actionId()).size() == 2);
        List<EventEnvelope> both = Fixtures.reversedEvents(rewarded.actionId());
        assertEquals(both.get(0).data(), both.get(1).data());
        assertEquals(100_000, Fixtures.balance(t));
        Fixtures.signed(t, false, "GET", "/v1/partner/token-pools/" + t.poolId() + "/ledger", null)
                .then()
                .body("total", is(3));

        // Redelivering the original action does not reward it again; it announces its reversal.
        Fixtures.publish(action);
        await().atMost(WAIT)
                .until(() -> Fixtures.reversedEvents(rewarded.actionId()).size() == 3);
        assertEquals(100_000, Fixtures.balance(t));
    }

    @Test
    void theActionsMetadataIsEchoedByItsCompletedFailedAndReversedEvents() throws Exception {
        Fixtures.Tenant t = Fixtures.sandboxTenant();
        JsonNode metadata = EventJson.MAPPER.readTree(
                "{\"orderId\":\"o-9\",\"cart\":{\"items\":[{\"sku\":\"a\",\"qty\":2}],\"coupon\":null},\"vip\":true}");
        EventEnvelope action = Fixtures.withMetadata(Fixtures.action(t.partner(), "12", "meta-alice"), metadata);
        Fixtures.publish(action);
        ActionOutcome rewarded = Fixtures.outcome(action).dataAs(ActionOutcome.class);
        assertEquals(OutcomeStatus.COMPLETED, rewarded.status());
        assertEquals(metadata, rewarded.metadata());

        EventEnvelope refused = Fixtures.withMetadata(
                Fixtures.action(
                        t.partner(),
                        Environment.SANDBOX,
                        ActionType.PURCHASE,
                        "3",
                        false,
                        Fixtures.customers("meta-nobody")),
                metadata);
        Fixtures.publish(refused);
        ActionOutcome failed = Fixtures.outcome(refused).dataAs(ActionOutcome.class);
        assertEquals(OutcomeStatus.FAILED, failed.status());
        assertEquals(metadata, failed.metadata());

        // actions-service sends the action's metadata with the reversal request.
        Fixtures.publish(EventEnvelope.of(
                EventTypes.ACTION_REVERSAL_REQUESTED,
                t.partnerId(),
                Environment.SANDBOX,
                "corr-rev-meta",
                new ReversalRequested(rewarded.actionId(), "refund", "rev_meta", Instant.now(), metadata)));
        EventEnvelope reversed = LifecycleEvents.await(
                LifecycleEvents.of(EventTypes.ACTION_REVERSED, "actionId", rewarded.actionId()), WAIT);
        assertEquals(metadata, reversed.dataAs(ActionOutcome.class).metadata());

        // An action redelivered after its reversal announces the reversal again: the same data, metadata included.
        Fixtures.publish(action);
        await().atMost(WAIT)
                .until(() -> Fixtures.reversedEvents(rewarded.actionId()).size() == 2);
        List<EventEnvelope> both = Fixtures.reversedEvents(rewarded.actionId());
        assertEquals(both.get(0).data(), both.get(1).data());
    }

    @Test
    void anOutcomeWithoutMetadataLeavesTheFieldOut() {
        Fixtures.Tenant t = Fixtures.sandboxTenant();
        EventEnvelope action = Fixtures.action(t.partner(), "2", "meta-none");
        Fixtures.publish(action);
        assertFalse(Fixtures.outcome(action).data().has("metadata"));
    }

    @Test
    void aReversalOfAnActionNeverRewardedChangesNothingAndAnnouncesNothing() {
        Fixtures.Tenant t = Fixtures.sandboxTenant();
        EventEnvelope refused = Fixtures.action(
                t.partner(), Environment.SANDBOX, ActionType.PURCHASE, "10", false, Fixtures.customers("nobody-here"));
        Fixtures.publish(refused);
        assertEquals(EventTypes.ACTION_FAILED, Fixtures.outcome(refused).type());
        EventEnvelope other = Fixtures.action(t.partner(), "5", "someone");
        Fixtures.publish(other);
        Fixtures.outcome(other);

        Fixtures.publish(Fixtures.reversal(t.partner(), Environment.SANDBOX, "act_unknown" + t.partnerId(), "?"));
        Fixtures.publish(Fixtures.reversal(t.partner(), Environment.SANDBOX, Fixtures.actionId(refused), "?"));
        // Another partner cannot reverse this partner's reward.
        Fixtures.Tenant intruder = Fixtures.sandboxTenant();
        Fixtures.publish(Fixtures.reversal(intruder.partner(), Environment.SANDBOX, Fixtures.actionId(other), "?"));
        // Same partition, in order: once this partner's later reversal is answered, the earlier ones were handled.
        Fixtures.publish(Fixtures.reversal(t.partner(), Environment.SANDBOX, Fixtures.actionId(other), "real"));
        LifecycleEvents.await(
                LifecycleEvents.of(EventTypes.ACTION_REVERSED, "actionId", Fixtures.actionId(other)), WAIT);

        assertEquals(List.of(), Fixtures.reversedEvents(Fixtures.actionId(refused)));
        assertEquals(List.of(), Fixtures.reversedEvents("act_unknown" + t.partnerId()));
        assertEquals(1, Fixtures.reversedEvents(Fixtures.actionId(other)).size());
        assertEquals(100_000, Fixtures.balance(t));
        assertEquals(100_000, Fixtures.balance(intruder));
    }
}
