package org.sirgiving.rewards;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sirgiving.rewards.support.Fixtures.WAIT;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sirgiving.events.ActionType;
import org.sirgiving.events.Environment;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.payload.ActionOutcome;
import org.sirgiving.events.payload.FailureCode;
import org.sirgiving.events.payload.Stakeholder;
import org.sirgiving.rewards.service.CampaignSchedule;
import org.sirgiving.rewards.support.Fixtures;
import org.sirgiving.rewards.support.KeyedRequests;
import org.sirgiving.rewards.support.LedgerCheck;
import org.sirgiving.rewards.support.LifecycleEvents;
import org.sirgiving.rewards.support.TestClock;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.PostgresDatabaseResource;

@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
class CampaignsTest {
    @Inject
    CampaignSchedule schedule;

    @Inject
    Vertx vertx;

    @AfterEach
    void ledgerHolds() {
        TestClock.reset();
        LedgerCheck.assertAllLedgersConsistent();
    }

    private static final String CAMPAIGNS = "/v1/partner/campaigns";

    private static Response create(Fixtures.Tenant t, String body) {
        return Fixtures.signed(t, true, "POST", "/v1/partner/campaigns", body);
    }

    private static String created(Fixtures.Tenant t, String body) {
        return create(t, body).then().statusCode(201).extract().path("id");
    }

    private static Response patch(Fixtures.Tenant t, String id, String body) {
        return Fixtures.signed(t, true, "PATCH", "/v1/partner/campaigns/" + id, body);
    }

    private static int tokensOf(Fixtures.Tenant t, String user) {
        return Fixtures.signed(t, false, "GET", "/v1/partner/users/" + user + "/balance", null)
                .then()
                .statusCode(200)
                .extract()
                .path("available");
    }

    @Test
    void invalidCampaignsAreRefusedFieldByField() {
        Fixtures.Tenant t = Fixtures.sandboxTenant();
        create(
                        t,
                        "{\"name\":\"x\",\"actionTypes\":[\"DONATION\"],\"splits\":[{\"stakeholderTypeCode\":\"DONOR\",\"percent\":60},"
                                + "{\"stakeholderTypeCode\":\"NONPROFIT\",\"percent\":30}]}")
                .then()
                .statusCode(400)
                .body("code", is("VALIDATION_FAILED"))
                .body("details[0].field", is("splits"));
        create(
                        t,
                        "{\"name\":\"x\",\"actionTypes\":[\"DONATION\"],\"startsAt\":\"2030-01-02T00:00:00Z\",\"endsAt\":\"2030-01-01T00:00:00Z\"}")
                .then()
                .statusCode(400)
                .body("details[0].field", is("endsAt"));
        create(t, "{\"name\":\"x\",\"actionTypes\":[\"DONATION\"],\"multiplier\":0,\"budget\":0}")
                .then()
                .statusCode(400)
                .body("details.field", hasItems("multiplier", "budget"));
        create(t, "{\"name\":\"\",\"actionTypes\":[\"GARDENING\"],\"tiers\":[{\"minAmount\":-1,\"multiplier\":2}]}")
                .then()
                .statusCode(400)
                .body("details.field", hasItems("name", "actionTypes[0]", "tiers[0].minAmount"));
        create(t, "{\"name\":\"x\",\"actionTypes\":[\"DONATION\"],\"status\":\"ENDED\"}")
                .then()
                .statusCode(400);
        // A multiplier whose reward could overflow a token amount for the largest accepted amount.
        create(t, "{\"name\":\"x\",\"actionTypes\":[\"DONATION\"],\"multiplier\":100000}")
                .then()
                .statusCode(400)
                .body("details[0].field", is("multiplier"));
        create(t, "{\"name\":\"x\",\"actionTypes\":[\"DONATION\"],\"multiplier\":\"lots\"}")
                .then()
                .statusCode(400)
                .body("details[0].field", is("multiplier"));
        Fixtures.signed(t, false, "POST", "/v1/partner/campaigns", "{\"name\":\"x\",\"actionTypes\":[\"DONATION\"]}")
                .then()
                .statusCode(403)
                .body("code", is("SECRET_KEY_REQUIRED"));
    }

    @Test
    void campaignsAreCreatedReadUpdatedAndMoveOnlyAlongAllowedTransitions() {
        Fixtures.Tenant t = Fixtures.sandboxTenant();
        Response c = create(
                t,
                "{\"name\":\"Spring\",\"actionTypes\":[\"DONATION\",\"VOLUNTEER\"],\"multiplier\":1.5,"
                        + "\"splits\":[{\"stakeholderTypeCode\":\"DONOR\",\"percent\":70},{\"stakeholderTypeCode\":\"NONPROFIT\",\"percent\":30}],"
                        + "\"tiers\":[{\"minAmount\":100,\"multiplier\":2}],\"budget\":1000,\"priority\":3}");
        c.then()
                .statusCode(201)
                .body("id", startsWith("camp_"))
                .body("status", is("DRAFT"))
                .body("multiplier", is(1.5f))
                .body("splits[0].percent", is(70))
                .body("tiers[0].minAmount", is(100))
                .body("tokensSpent", is(0))
                .body("remainingBudget", is(1000))
                .body("priority", is(3));
        String id = c.path("id");
        Fixtures.signed(t, false, "GET", "/v1/partner/campaigns/" + id, null)
                .then()
                .statusCode(200)
                .body("name", is("Spring"));
        Fixtures.signed(t, false, "GET", "/v1/partner/campaigns?status=DRAFT", null)
                .then()
                .statusCode(200)
                .body("total", is(1))
                .body("data[0].id", is(id));
        Fixtures.signed(t, false, "GET", "/v1/partner/campaigns?limit=101", null)
                .then()
                .statusCode(400);
        // Another partner does not see it.
        Fixtures.signed(Fixtures.sandboxTenant(), false, "GET", "/v1/partner/campaigns/" + id, null)
                .then()
                .statusCode(404);

        patch(t, id, "{\"status\":\"PAUSED\"}").then().statusCode(409).body("code", is("CONFLICT"));
        patch(t, id, "{\"status\":\"ACTIVE\",\"name\":\"Spring!\"}")
                .then()
                .statusCode(200)
                .body("status", is("ACTIVE"))
                .body("name", is("Spring!"));
        patch(t, id, "{\"status\":\"DRAFT\"}").then().statusCode(409);
        patch(t, id, "{\"splits\":[{\"stakeholderTypeCode\":\"DONOR\",\"percent\":50}]}")
                .then()
                .statusCode(400)
                .body("details[0].field", is("splits"));
        patch(t, id, "{\"status\":\"PAUSED\"}").then().statusCode(200).body("status", is("PAUSED"));
        patch(t, id, "{\"status\":\"ACTIVE\"}").then().statusCode(200).body("status", is("ACTIVE"));
        Fixtures.signed(t, true, "DELETE", "/v1/partner/campaigns/" + id, null)
                .then()
                .statusCode(409);
        patch(t, id, "{\"status\":\"ENDED\"}").then().statusCode(200).body("status", is("ENDED"));
        patch(t, id, "{\"status\":\"ACTIVE\"}").then().statusCode(409);
        patch(t, id, "{\"name\":\"again\"}").then().statusCode(409);

        String draft = created(t, "{\"name\":\"tmp\",\"actionTypes\":[\"SIGNUP\"]}");
        Fixtures.signed(t, true, "DELETE", "/v1/partner/campaigns/" + draft, null)
                .then()
                .statusCode(204);
        Fixtures.signed(t, false, "GET", "/v1/partner/campaigns/" + draft, null)
                .then()
                .statusCode(404);
    }

    @Test
    void anIdempotencyKeyMakesACreateHappenOnce() {
        Fixtures.Tenant t = Fixtures.sandboxTenant();
        String body = "{\"name\":\"Once\",\"actionTypes\":[\"DONATION\"]}";
        String id = signedWithKey(t, "camp-key-1", body)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        signedWithKey(t, "camp-key-1", body)
                .then()
                .statusCode(409)
                .body("code", is("IDEMPOTENT"))
                .header("Idempotent-Replayed", "true")
                .body("result.id", is(id));
        signedWithKey(t, "camp-key-1", "{\"name\":\"Other\",\"actionTypes\":[\"DONATION\"]}")
                .then()
                .statusCode(422)
                .body("code", is("IDEMPOTENCY_KEY_REUSED"));
        Fixtures.signed(t, false, "GET", "/v1/partner/campaigns", null).then().body("total", is(1));
    }

    /** A concurrent duplicate loses the race on the key's unique index and is answered like a later one. */
    @Test
    void concurrentCreatesUnderOneKeyMakeOneCampaign() {
        Fixtures.Tenant t = Fixtures.sandboxTenant();
        String body = "{\"name\":\"Raced\",\"actionTypes\":[\"DONATION\"],\"status\":\"ACTIVE\"}";
        List<Response> answers = KeyedRequests.concurrently(8, t, CAMPAIGNS, "camp-race", body);
        String id = KeyedRequests.assertOneCreatedTheRestReplayed(answers);
        signedWithKey(t, "camp-race", "{\"name\":\"Other\",\"actionTypes\":[\"DONATION\"]}")
                .then()
                .statusCode(422)
                .body("code", is("IDEMPOTENCY_KEY_REUSED"));
        Fixtures.signed(t, false, "GET", CAMPAIGNS, null)
                .then()
                .body("total", is(1))
                .body("data[0].id", is(id));
        LifecycleEvents.await(LifecycleEvents.of(EventTypes.CAMPAIGN_STARTED, "campaignId", id), WAIT);
        assertEquals(
                1,
                LifecycleEvents.matching(LifecycleEvents.of(EventTypes.CAMPAIGN_STARTED, "campaignId", id))
                        .size());
    }

    private static Response signedWithKey(Fixtures.Tenant t, String key, String body) {
        return KeyedRequests.post(t, CAMPAIGNS, key, body);
    }

    @Test
    void theHighestPriorityEligibleCampaignAppliesWithItsTiersSplitsAndBudget() {
        Fixtures.Tenant t = Fixtures.sandboxTenant();
        Instant now = Instant.now();
        String a = created(
                t,
                "{\"name\":\"A\",\"status\":\"ACTIVE\",\"actionTypes\":[\"DONATION\"],\"multiplier\":2,"
                        + "\"budget\":100,\"priority\":10}");
        String b = created(
                t,
                "{\"name\":\"B\",\"status\":\"ACTIVE\",\"actionTypes\":[\"DONATION\",\"PURCHASE\"],\"multiplier\":3,"
                        + "\"tiers\":[{\"minAmount\":100,\"multiplier\":5},{\"minAmount\":50,\"multiplier\":4}],"
                        + "\"splits\":[{\"stakeholderTypeCode\":\"DONOR\",\"percent\":70},{\"stakeholderTypeCode\":\"NONPROFIT\",\"percent\":30}],"
                        + "\"priority\":5}");
        created(
                t,
                "{\"name\":\"later\",\"status\":\"ACTIVE\",\"actionTypes\":[\"DONATION\"],\"multiplier\":10,\"priority\":20,"
                        + "\"startsAt\":\"" + now.plus(Duration.ofDays(1)) + "\"}");
        created(t, "{\"name\":\"draft\",\"actionTypes\":[\"DONATION\"],\"multiplier\":10,\"priority\":30}");
        String paused = created(
                t,
                "{\"name\":\"paused\",\"status\":\"ACTIVE\",\"actionTypes\":[\"DONATION\"],\"multiplier\":10,\"priority\":40}");
        patch(t, paused, "{\"status\":\"PAUSED\"}").then().statusCode(200);

        // DONATION 10: A (priority 10; the higher ones are not running) → 20 tokens.
        assertEquals(
                20,
                reward(t, "DONATION", "10", List.of(Fixtures.stakeholder("DONOR", "c-d1")))
                        .tokensDistributed());
        // PURCHASE 10: only B → 30 tokens, DONOR 70 % / NONPROFIT 30 %.
        assertEquals(
                30,
                reward(
                                t,
                                "PURCHASE",
                                "10",
                                List.of(
                                        Fixtures.stakeholder("DONOR", "c-d2"),
                                        Fixtures.stakeholder("NONPROFIT", "c-n2")))
                        .tokensDistributed());
        assertEquals(21, tokensOf(t, "c-d2"));
        assertEquals(9, tokensOf(t, "c-n2"));
        // Tiers: the highest tier whose minAmount ≤ amount (100 → ×5; 60 → ×4; 49.99 → base ×3, rounded half-up).
        assertEquals(
                500,
                reward(t, "PURCHASE", "100", List.of(Fixtures.stakeholder("DONOR", "c-d3")))
                        .tokensDistributed());
        assertEquals(
                240,
                reward(t, "PURCHASE", "60", List.of(Fixtures.stakeholder("DONOR", "c-d3")))
                        .tokensDistributed());
        assertEquals(
                150,
                reward(t, "PURCHASE", "49.99", List.of(Fixtures.stakeholder("DONOR", "c-d3")))
                        .tokensDistributed());
        // A split type absent from the action: its share goes to the types present; an unsplit type gets nothing.
        assertEquals(
                30,
                reward(
                                t,
                                "PURCHASE",
                                "10",
                                List.of(
                                        Fixtures.stakeholder("DONOR", "c-d4"),
                                        Fixtures.stakeholder("DONOR", "c-d5"),
                                        Fixtures.stakeholder("REFERRER", "c-r4")))
                        .tokensDistributed());
        assertEquals(15, tokensOf(t, "c-d4"));
        assertEquals(15, tokensOf(t, "c-d5"));
        assertEquals(0, tokensOf(t, "c-r4"));
        // DONATION 45: A would give 90 but has 80 left → the next, B: 45 × 3 = 135.
        assertEquals(
                135,
                reward(t, "DONATION", "45", List.of(Fixtures.stakeholder("DONOR", "c-d6")))
                        .tokensDistributed());
        // DONATION 40: A gives exactly its remaining 80.
        assertEquals(
                80,
                reward(t, "DONATION", "40", List.of(Fixtures.stakeholder("DONOR", "c-d7")))
                        .tokensDistributed());
        Fixtures.signed(t, false, "GET", "/v1/partner/campaigns/" + a, null)
                .then()
                .body("tokensSpent", is(100))
                .body("remainingBudget", is(0));
        Fixtures.signed(t, false, "GET", "/v1/partner/campaigns/" + b, null)
                .then()
                .body("tokensSpent", is(30 + 500 + 240 + 150 + 30 + 135))
                .body("remainingBudget", nullValue());
        // No campaign for SIGNUP: the default rule (amount rounded half-up, equal split).
        assertEquals(
                11,
                reward(
                                t,
                                "SIGNUP",
                                "10.5",
                                List.of(Fixtures.stakeholder("X", "c-s1"), Fixtures.stakeholder("Y", "c-s2")))
                        .tokensDistributed());
        assertEquals(6, tokensOf(t, "c-s1"));

        // Reversing a campaign's reward gives its budget back.
        ActionOutcome last = reward(t, "DONATION", "1", List.of(Fixtures.stakeholder("DONOR", "c-d8")));
        assertEquals(3, last.tokensDistributed()); // A is spent: B, 1 × 3
        Fixtures.publish(Fixtures.reversal(t.partner(), Environment.SANDBOX, last.actionId(), "refund"));
        LifecycleEvents.await(LifecycleEvents.of(EventTypes.ACTION_REVERSED, "actionId", last.actionId()), WAIT);
        Fixtures.signed(t, false, "GET", "/v1/partner/campaigns/" + b, null)
                .then()
                .body("tokensSpent", is(30 + 500 + 240 + 150 + 30 + 135));
    }

    @Test
    void aRewardRefusedForLackOfTokensSpendsNoBudget() {
        Fixtures.Tenant t = Fixtures.productionTenant(50, null);
        String camp = created(
                t,
                "{\"name\":\"big\",\"status\":\"ACTIVE\",\"actionTypes\":[\"DONATION\"],\"multiplier\":10,\"budget\":1000}");
        ActionOutcome o = reward(t, "DONATION", "10", List.of(Fixtures.stakeholder("DONOR", "p-1")));
        assertEquals(FailureCode.INSUFFICIENT_POOL, o.failureCode());
        Fixtures.signed(t, false, "GET", "/v1/partner/campaigns/" + camp, null)
                .then()
                .body("tokensSpent", is(0));
        assertEquals(50, Fixtures.balance(t));
    }

    private ActionOutcome reward(Fixtures.Tenant t, String type, String amount, List<Stakeholder> s) {
        EventEnvelope a = Fixtures.action(t.partner(), t.env(), ActionType.valueOf(type), amount, true, s);
        Fixtures.publish(a);
        return Fixtures.outcome(a).dataAs(ActionOutcome.class);
    }

    @Test
    void scheduledCampaignsStartAndEndOnTheClockWithTheirEvents() {
        Fixtures.Tenant t = Fixtures.sandboxTenant();
        Instant now = TestClock.now();
        String id = created(
                t,
                "{\"name\":\"Weekend\",\"status\":\"ACTIVE\",\"actionTypes\":[\"VOLUNTEER\"],\"multiplier\":4,"
                        + "\"startsAt\":\"" + now.plus(Duration.ofHours(1)) + "\",\"endsAt\":\""
                        + now.plus(Duration.ofHours(2)) + "\"}");
        Fixtures.join(Fixtures.onVertx(vertx, schedule::runOnce));
        assertEquals(
                List.of(), LifecycleEvents.matching(LifecycleEvents.of(EventTypes.CAMPAIGN_STARTED, "campaignId", id)));
        assertEquals(5, reward(t, "VOLUNTEER", "5", Fixtures.customers("w-1")).tokensDistributed()); // not yet

        TestClock.advance(Duration.ofMinutes(61));
        Fixtures.join(Fixtures.onVertx(vertx, schedule::runOnce));
        EventEnvelope started =
                LifecycleEvents.await(LifecycleEvents.of(EventTypes.CAMPAIGN_STARTED, "campaignId", id), WAIT);
        assertEquals("ACTIVE", started.data().path("status").asText());
        assertEquals(20, reward(t, "VOLUNTEER", "5", Fixtures.customers("w-1")).tokensDistributed()); // running

        TestClock.advance(Duration.ofMinutes(60));
        Fixtures.join(Fixtures.onVertx(vertx, schedule::runOnce));
        EventEnvelope ended =
                LifecycleEvents.await(LifecycleEvents.of(EventTypes.CAMPAIGN_ENDED, "campaignId", id), WAIT);
        assertEquals("SCHEDULE", ended.data().path("reason").asText());
        assertEquals(20, ended.data().path("tokensSpent").asLong());
        Fixtures.signed(t, false, "GET", "/v1/partner/campaigns/" + id, null)
                .then()
                .body("status", is("ENDED"));
        assertEquals(5, reward(t, "VOLUNTEER", "5", Fixtures.customers("w-1")).tokensDistributed()); // over
        Fixtures.join(Fixtures.onVertx(vertx, schedule::runOnce));
        assertEquals(
                1,
                LifecycleEvents.matching(LifecycleEvents.of(EventTypes.CAMPAIGN_ENDED, "campaignId", id))
                        .size());
        assertEquals(
                1,
                LifecycleEvents.matching(LifecycleEvents.of(EventTypes.CAMPAIGN_STARTED, "campaignId", id))
                        .size());
    }

    @Test
    void activatingARunningScheduleStartsItAtOnceAndEndingItAnnouncesTheEnd() {
        Fixtures.Tenant t = Fixtures.sandboxTenant();
        String id = created(t, "{\"name\":\"Now\",\"actionTypes\":[\"REFERRAL\"]}");
        patch(t, id, "{\"status\":\"ACTIVE\"}").then().statusCode(200);
        LifecycleEvents.await(LifecycleEvents.of(EventTypes.CAMPAIGN_STARTED, "campaignId", id), WAIT);
        patch(t, id, "{\"status\":\"ENDED\"}").then().statusCode(200);
        EventEnvelope ended =
                LifecycleEvents.await(LifecycleEvents.of(EventTypes.CAMPAIGN_ENDED, "campaignId", id), WAIT);
        assertEquals("PARTNER", ended.data().path("reason").asText());
        // A campaign that never started ends without an event.
        String never = created(t, "{\"name\":\"Never\",\"actionTypes\":[\"REFERRAL\"]}");
        patch(t, never, "{\"status\":\"ENDED\"}").then().statusCode(200);
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> LifecycleEvents.matching(
                                LifecycleEvents.of(EventTypes.CAMPAIGN_ENDED, "campaignId", never))
                        .isEmpty());
    }
}
