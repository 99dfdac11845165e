package org.sirgiving.rewards;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sirgiving.rewards.support.Fixtures.WAIT;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sirgiving.events.ActionType;
import org.sirgiving.events.Environment;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.payload.CredentialData;
import org.sirgiving.kernel.crypto.Crypto;
import org.sirgiving.rewards.support.Fixtures;
import org.sirgiving.rewards.support.KeyedRequests;
import org.sirgiving.rewards.support.LedgerCheck;
import org.sirgiving.rewards.support.LifecycleEvents;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.PostgresDatabaseResource;
import org.sirgiving.testinfra.TestJwt;
import org.sirgiving.testinfra.TestPartners;

/** Operators' pools, allocation requests, restrictions; the pool's balance alerts and auto-refill. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
class PoolAdministrationTest {

    @AfterEach
    void ledgerHolds() {
        LedgerCheck.assertAllLedgersConsistent();
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

    private static List<EventEnvelope> alerts(String type, Fixtures.Tenant t) {
        return LifecycleEvents.matching(LifecycleEvents.of(type, "poolId", t.poolId()));
    }

    @Test
    void lowBalanceIsAnnouncedOncePerDownwardCrossingAndDepletedAtZero() {
        Fixtures.Tenant t = Fixtures.productionTenant(100, "{\"lowBalanceThreshold\":30}");
        assertEquals(EventTypes.ACTION_COMPLETED, rewardOf(t, "60").type()); // 100 → 40: above 30
        assertEquals(EventTypes.ACTION_COMPLETED, rewardOf(t, "15").type()); // 40 → 25: crosses
        assertEquals(EventTypes.ACTION_COMPLETED, rewardOf(t, "5").type()); // 25 → 20: already below
        await().atMost(WAIT)
                .until(() -> alerts(EventTypes.TOKEN_POOL_LOW_BALANCE, t).size() == 1);
        EventEnvelope low = alerts(EventTypes.TOKEN_POOL_LOW_BALANCE, t).get(0);
        assertEquals(25, low.data().path("balance").asLong());
        assertEquals(30, low.data().path("lowBalanceThreshold").asLong());
        assertEquals(Environment.PRODUCTION, low.environment());

        // Funding lifts it back above the threshold, which re-arms the alert.
        Fixtures.asOperator()
                .body("{\"amount\":50,\"reason\":\"top-up\"}")
                .post("/v1/admin/token-pools/" + t.poolId() + "/allocations")
                .then()
                .statusCode(200)
                .body("balance", is(70))
                .body("totalAllocated", is(150));
        assertEquals(EventTypes.ACTION_COMPLETED, rewardOf(t, "50").type()); // 70 → 20: crosses again
        assertEquals(EventTypes.ACTION_FAILED, rewardOf(t, "21").type()); // refused: takes nothing
        assertEquals(EventTypes.ACTION_COMPLETED, rewardOf(t, "20").type()); // 20 → 0: depleted
        await().atMost(WAIT)
                .until(() -> alerts(EventTypes.TOKEN_POOL_LOW_BALANCE, t).size() == 2
                        && alerts(EventTypes.TOKEN_POOL_DEPLETED, t).size() == 1);
        assertEquals(
                0,
                alerts(EventTypes.TOKEN_POOL_DEPLETED, t)
                        .get(0)
                        .data()
                        .path("balance")
                        .asLong());
        assertEquals(0, Fixtures.balance(t));
    }

    @Test
    void autoRefillAddsItsAmountWhenABalanceFallsUnderItsThreshold() {
        Fixtures.Tenant t = Fixtures.productionTenant(
                100, "{\"lowBalanceThreshold\":20,\"autoRefill\":{\"enabled\":true,\"threshold\":50,\"amount\":200}}");
        rewardOf(t, "40"); // 100 → 60
        assertEquals(60, Fixtures.balance(t));
        rewardOf(t, "20"); // 60 → 40 < 50: +200 → 240
        Fixtures.pool(t)
                .then()
                .body("balance", is(240))
                .body("totalAllocated", is(300))
                .body("totalDistributed", is(60));
        Response ledger = Fixtures.signed(t, false, "GET", "/v1/partner/token-pools/" + t.poolId() + "/ledger", null);
        ledger.then()
                .body("data[0].type", is("REFILL"))
                .body("data[0].amount", is(200))
                .body("data[0].balanceAfter", is(240))
                .body("data[1].type", is("REWARD"))
                .body("data[1].amount", is(-20));
        // A debit that a refill immediately covers never looked low: no alert.
        rewardOf(t, "230"); // 240 → 10 < 50: +200 → 210
        assertEquals(210, Fixtures.balance(t));
        assertEquals(List.of(), alerts(EventTypes.TOKEN_POOL_LOW_BALANCE, t));
        assertEquals(List.of(), alerts(EventTypes.TOKEN_POOL_DEPLETED, t));
    }

    @Test
    void productionPoolsNeedTheProductionApproval() {
        TestPartners.Partner p = TestPartners.issue(
                "ptn_" + Crypto.randomHex(12), Environment.SANDBOX, true, null, "ACTIVE", false, List.of());
        await().atMost(WAIT)
                .untilAsserted(() -> Fixtures.signed(
                                new Fixtures.Tenant(p, Environment.SANDBOX, null),
                                false,
                                "GET",
                                "/v1/partner/token-pools",
                                null)
                        .then()
                        .body("data.size()", is(1)));
        String body =
                "{\"partnerId\":\"" + p.partnerId() + "\",\"environment\":\"production\",\"initialAllocation\":1000}";
        Fixtures.asOperator()
                .body(body)
                .post("/v1/admin/token-pools")
                .then()
                .statusCode(403)
                .body("code", is("PARTNER_NOT_APPROVED"));
        // keys-service approves: the partner's next credential record says so.
        TestPartners.publish(new CredentialData(
                p.keyId(),
                p.partnerId(),
                "sandbox",
                p.credential().publicKey(),
                p.credential().secretKeyHash(),
                p.credential().hmacSecretSealed(),
                true,
                false,
                null,
                "ACTIVE",
                true,
                "STANDARD",
                600,
                List.of(),
                List.of("ACTIONS"),
                p.credential().version() + 1));
        await().atMost(WAIT)
                .until(() -> Fixtures.asOperator()
                                .body(body)
                                .post("/v1/admin/token-pools")
                                .statusCode()
                        == 201);
        Fixtures.asOperator()
                .body(body)
                .post("/v1/admin/token-pools")
                .then()
                .statusCode(409)
                .body("code", is("CONFLICT"));
        Fixtures.asOperator()
                .get("/v1/admin/token-pools?partnerId=" + p.partnerId())
                .then()
                .statusCode(200)
                .body("total", is(2))
                .body("data.environment", hasItem("production"));
    }

    @Test
    void allocationRequestsAreApprovedIntoTheLedgerOrRejected() {
        Fixtures.Tenant t = Fixtures.sandboxTenant();
        Response requested = Fixtures.signed(
                t, true, "POST", "/v1/partner/token-pools/request", "{\"amount\":5000,\"reason\":\"spring campaign\"}");
        requested.then().statusCode(201).body("status", is("PENDING")).body("amount", is(5000));
        String id = requested.path("id");
        Fixtures.signed(t, true, "POST", "/v1/partner/token-pools/request", "{\"amount\":0}")
                .then()
                .statusCode(400)
                .body("code", is("VALIDATION_FAILED"))
                .body("details[0].field", is("amount"));
        Fixtures.signed(t, false, "POST", "/v1/partner/token-pools/request", "{\"amount\":5}")
                .then()
                .statusCode(403)
                .body("code", is("SECRET_KEY_REQUIRED"));

        Fixtures.asOperator()
                .get("/v1/admin/token-pools/requests")
                .then()
                .statusCode(200)
                .body("data.id", hasItem(id));
        Fixtures.asOperator()
                .body("{\"note\":\"ok\"}")
                .post("/v1/admin/token-pools/requests/" + id + "/approve")
                .then()
                .statusCode(200)
                .body("status", is("APPROVED"))
                .body("decisionNote", is("ok"));
        Fixtures.pool(t).then().body("balance", is(105_000)).body("totalAllocated", is(105_000));
        Fixtures.signed(t, false, "GET", "/v1/partner/token-pools/" + t.poolId() + "/ledger", null)
                .then()
                .body("data[0].type", is("ALLOCATION"))
                .body("data[0].amount", is(5000));
        Fixtures.asOperator()
                .body("{}")
                .post("/v1/admin/token-pools/requests/" + id + "/approve")
                .then()
                .statusCode(409);
        Fixtures.asOperator().get("/v1/admin/token-pools/requests").then().body("data.id", not(hasItem(id)));

        String second = Fixtures.signed(t, true, "POST", "/v1/partner/token-pools/request", "{\"amount\":10}")
                .path("id");
        Fixtures.asOperator()
                .body("{\"note\":\"no\"}")
                .post("/v1/admin/token-pools/requests/" + second + "/reject")
                .then()
                .statusCode(200)
                .body("status", is("REJECTED"));
        assertEquals(105_000, Fixtures.balance(t));
        Fixtures.signed(t, false, "GET", "/v1/partner/token-pools/requests", null)
                .then()
                .statusCode(200)
                .body("total", is(2));
    }

    /** A concurrent duplicate loses the race on the key's unique index and is answered like a later one. */
    @Test
    void concurrentRequestsUnderOneKeyMakeOneRequest() {
        Fixtures.Tenant t = Fixtures.sandboxTenant();
        String path = "/v1/partner/token-pools/request";
        String body = "{\"amount\":700,\"reason\":\"raced\"}";
        List<Response> answers = KeyedRequests.concurrently(8, t, path, "areq-race", body);
        String id = KeyedRequests.assertOneCreatedTheRestReplayed(answers);
        KeyedRequests.post(t, path, "areq-race", "{\"amount\":701}")
                .then()
                .statusCode(422)
                .body("code", is("IDEMPOTENCY_KEY_REUSED"));
        Fixtures.signed(t, false, "GET", "/v1/partner/token-pools/requests", null)
                .then()
                .statusCode(200)
                .body("total", is(1))
                .body("data[0].id", is(id))
                .body("data[0].status", is("PENDING"));
    }

    @Test
    void restrictionsAreValidatedAndSet() {
        Fixtures.Tenant t = Fixtures.sandboxTenant();
        String path = "/v1/admin/token-pools/" + t.poolId();
        Fixtures.asOperator()
                .body("{\"vestingDays\":7,\"tokenExpiryDays\":5}")
                .patch(path)
                .then()
                .statusCode(400)
                .body("details[0].field", is("tokenExpiryDays"));
        Fixtures.asOperator()
                .body("{\"autoRefill\":{\"enabled\":true}}")
                .patch(path)
                .then()
                .statusCode(400)
                .body("code", is("VALIDATION_FAILED"));
        Fixtures.asOperator()
                .body("{\"lowBalanceThreshold\":500,\"vestingDays\":7,\"tokenExpiryDays\":365}")
                .patch(path)
                .then()
                .statusCode(200)
                .body("lowBalanceThreshold", is(500))
                .body("vestingDays", is(7))
                .body("tokenExpiryDays", is(365))
                .body("balance", is(100_000));
        Fixtures.asOperator()
                .body("{\"lowBalanceThreshold\":0,\"tokenExpiryDays\":0}")
                .patch(path)
                .then()
                .statusCode(200)
                .body("lowBalanceThreshold", nullValue())
                .body("tokenExpiryDays", nullValue());
        // A pool already under a newly enabled auto-refill threshold is refilled at once.
        Fixtures.asOperator()
                .body("{\"autoRefill\":{\"enabled\":true,\"threshold\":200000,\"amount\":1000}}")
                .patch(path)
                .then()
                .statusCode(200)
                .body("balance", is(101_000))
                .body("autoRefill.enabled", is(true));
    }

    @Test
    void operatorsNeedAnOperatorToken() {
        RestAssured.given().get("/v1/admin/token-pools").then().statusCode(401).body("code", is("INVALID_TOKEN"));
        RestAssured.given()
                .header("Authorization", "Bearer not-a-jwt")
                .get("/v1/admin/token-pools")
                .then()
                .statusCode(401);
        RestAssured.given()
                .header("Authorization", "Bearer " + TestJwt.token("someone"))
                .get("/v1/admin/token-pools")
                .then()
                .statusCode(403)
                .body("code", is("FORBIDDEN"));
    }

    @Test
    void operatorTokensForAnotherAudienceIssuedInTheFutureOrForTenYearsAreRefused() {
        Instant now = Instant.now();
        Instant later = now.plus(Duration.ofHours(1));
        for (String token : List.of(
                TestJwt.claims("op", "operator")
                        .audience("https://another-app.example.org")
                        .sign(),
                TestJwt.claims("op", "operator")
                        .issuedAt(later)
                        .expiresAt(later.plus(Duration.ofHours(1)))
                        .sign(),
                TestJwt.claims("op", "operator")
                        .issuedAt(now)
                        .expiresAt(now.plus(Duration.ofDays(3650)))
                        .sign())) {
            RestAssured.given()
                    .header("Authorization", "Bearer " + token)
                    .get("/v1/admin/token-pools")
                    .then()
                    .statusCode(401)
                    .body("code", is("INVALID_TOKEN"));
        }
        RestAssured.given()
                .header("Authorization", "Bearer " + TestJwt.token("op", "operator"))
                .get("/v1/admin/token-pools")
                .then()
                .statusCode(200);
    }
}
