package org.sirgiving.rewards;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.sirgiving.rewards.support.Fixtures.WAIT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sirgiving.events.ActionType;
import org.sirgiving.events.Environment;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventJson;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.payload.ActionOutcome;
import org.sirgiving.events.payload.OutcomeStatus;
import org.sirgiving.rewards.support.Fixtures;
import org.sirgiving.rewards.support.LedgerCheck;
import org.sirgiving.rewards.support.LifecycleEvents;
import org.sirgiving.testinfra.EventSchemas;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.PostgresDatabaseResource;

/**
 * Every event on {@code sir.reward-lifecycle.v1} matches its published schema in {@code docs/events}, closed (so
 * that a field the code writes without documenting it fails here): this test makes the service emit every lifecycle
 * type, then validates every record read since the broker started (the other test classes' events too, when they ran
 * first in this JVM). keys-service's {@code apiKey.expiring} on the same topic is checked by keys-service's tests.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
class EventSchemaTest {
    private static final Set<String> LIFECYCLE_TYPES = Set.of(
            EventTypes.ACTION_COMPLETED,
            EventTypes.ACTION_FAILED,
            EventTypes.ACTION_REVERSED,
            EventTypes.TRANSACTION_COMPLETED,
            EventTypes.TOKEN_POOL_LOW_BALANCE,
            EventTypes.TOKEN_POOL_DEPLETED,
            EventTypes.CAMPAIGN_STARTED,
            EventTypes.CAMPAIGN_ENDED);

    @AfterEach
    void ledgerHolds() {
        LedgerCheck.assertAllLedgersConsistent();
    }

    @Test
    void everyEmittedEventMatchesItsPublishedSchema() throws Exception {
        Fixtures.Tenant t = Fixtures.productionTenant(30, "{\"lowBalanceThreshold\":20}");
        String camp = Fixtures.signed(
                        t,
                        true,
                        "POST",
                        "/v1/partner/campaigns",
                        "{\"name\":\"S\",\"status\":\"ACTIVE\",\"actionTypes\":[\"SIGNUP\"],\"budget\":100,\"endsAt\":\"2099-01-01T00:00:00Z\"}")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        EventEnvelope a = Fixtures.action(
                t.partner(),
                t.env(),
                ActionType.DONATION,
                "15",
                true,
                List.of(Fixtures.stakeholder("DONOR", "s-1"), Fixtures.stakeholder("NONPROFIT", "s-2")));
        EventEnvelope b =
                Fixtures.action(t.partner(), t.env(), ActionType.SIGNUP, "15", true, Fixtures.customers("s-3"));
        EventEnvelope c =
                Fixtures.action(t.partner(), t.env(), ActionType.DONATION, "1", false, Fixtures.customers("s-none"));
        for (EventEnvelope e : List.of(a, b, c)) {
            Fixtures.publish(e);
            Fixtures.outcome(e);
        }
        Fixtures.publish(Fixtures.reversal(t.partner(), t.env(), Fixtures.actionId(a), "refund"));
        LifecycleEvents.await(LifecycleEvents.of(EventTypes.ACTION_REVERSED, "actionId", Fixtures.actionId(a)), WAIT);
        Fixtures.signed(t, true, "PATCH", "/v1/partner/campaigns/" + camp, "{\"status\":\"ENDED\"}")
                .then()
                .statusCode(200);
        LifecycleEvents.await(LifecycleEvents.of(EventTypes.CAMPAIGN_ENDED, "campaignId", camp), WAIT);
        await().atMost(WAIT)
                .until(() -> !LifecycleEvents.matching(
                                LifecycleEvents.of(EventTypes.TOKEN_POOL_DEPLETED, "poolId", t.poolId()))
                        .isEmpty());

        List<String> raw = LifecycleEvents.raw();
        Set<String> seen = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (String record : raw) {
            JsonNode event = EventJson.MAPPER.readTree(record);
            seen.add(event.path("type").asText());
            EventSchemas.CLOSED
                    .problems(event)
                    .forEach(p -> problems.add(event.path("type").asText() + " " + event.path("id") + ": " + p));
        }
        System.out.printf("EventSchemaTest: %d events of %d types validated%n", raw.size(), seen.size());
        assertEquals(List.of(), problems);
        assertEquals(new TreeSet<>(LIFECYCLE_TYPES), seen, "every lifecycle type emitted, and no other");
    }

    @Test
    void theSchemasRefuseWhatTheContractDoesNotAllow() throws Exception {
        for (String type : LIFECYCLE_TYPES) {
            assertNotNull(EventSchemas.CLOSED.forType(type), "schema for " + type);
        }
        EventEnvelope ok = EventEnvelope.of(
                EventTypes.ACTION_COMPLETED,
                "ptn_1",
                Environment.SANDBOX,
                "c",
                new ActionOutcome(
                        "act_1",
                        "k",
                        ActionType.DONATION,
                        OutcomeStatus.COMPLETED,
                        5,
                        List.of("txn_ab12"),
                        null,
                        null,
                        1,
                        null));
        ObjectNode good = (ObjectNode) EventJson.MAPPER.readTree(EventJson.write(ok));
        assertEquals(List.of(), EventSchemas.CLOSED.problems(good));

        ObjectNode wrongStatus = good.deepCopy();
        ((ObjectNode) wrongStatus.get("data")).put("status", "FAILED");
        assertFalse(EventSchemas.CLOSED.problems(wrongStatus).isEmpty());
        ObjectNode undocumented = good.deepCopy();
        ((ObjectNode) undocumented.get("data")).put("surprise", 1);
        assertFalse(EventSchemas.CLOSED.problems(undocumented).isEmpty());
        assertEquals(List.of(), EventSchemas.PUBLISHED.problems(undocumented), "consumers' copy is open to additions");
        ObjectNode noId = good.deepCopy();
        noId.remove("id");
        assertFalse(EventSchemas.CLOSED.problems(noId).isEmpty());
        ObjectNode negative = good.deepCopy();
        ((ObjectNode) negative.get("data")).put("tokensDistributed", -1);
        assertFalse(EventSchemas.CLOSED.problems(negative).isEmpty());
        ObjectNode unknownType = good.deepCopy();
        unknownType.put("type", "action.exploded");
        assertFalse(EventSchemas.CLOSED.problems(unknownType).isEmpty());
    }
}
