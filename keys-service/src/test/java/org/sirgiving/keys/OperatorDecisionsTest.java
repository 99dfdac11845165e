package org.sirgiving.keys;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.PostgresDatabaseResource;
import org.sirgiving.testinfra.TestJwt;

@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class OperatorDecisionsTest {
    static final String OPERATOR = TestJwt.token("ops-alice", "operator");
    static final String REQUEST = "{\"legalEntityName\":\"Good Shop Ltd\",\"contactEmail\":\"legal@goodshop.example\","
            + "\"useCase\":\"Reward purchases\",\"expectedMonthlyVolume\":20000,\"actionTypes\":[\"PURCHASE\",\"REFERRAL\"],"
            + "\"stakeholderModel\":\"buyer and referrer\",\"webhookUrl\":\"https://goodshop.example/hooks\"}";

    static Response post(String token, String path, String body) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post(path);
    }

    static KeyLifecycleTest.Issued partnerWithRequest() {
        KeyLifecycleTest.Issued k = KeyLifecycleTest.issue();
        post(k.token(), "/v1/partner/keys/production-request", REQUEST)
                .then()
                .statusCode(201)
                .body("status", is("PENDING"))
                .body("id", startsWith("preq_"));
        return k;
    }

    static String pendingRequestOf(String partnerId) {
        return given().auth()
                .oauth2(OPERATOR)
                .get("/v1/admin/partners/production-requests?status=PENDING")
                .then()
                .statusCode(200)
                .extract()
                .path("find { it.partnerId == '" + partnerId + "' }.id");
    }

    @Test
    void approvalActivatesThePartnerEnablesLiveKeysAndIsAudited() {
        KeyLifecycleTest.Issued k = partnerWithRequest();
        post(k.token(), "/v1/partner/keys/production-request", REQUEST)
                .then()
                .statusCode(409)
                .body("code", is("CONFLICT"));
        post(k.token(), "/v1/partner/keys", "{\"name\":\"live\",\"environment\":\"production\"}")
                .then()
                .statusCode(403)
                .body("code", is("PARTNER_NOT_APPROVED"));

        String requestId = pendingRequestOf(k.partnerId());
        post(
                        OPERATOR,
                        "/v1/admin/partners/production-requests/" + requestId + "/approve",
                        "{\"tier\":\"PROFESSIONAL\",\"note\":\"KYC done\"}")
                .then()
                .statusCode(200)
                .body("status", is("APPROVED"))
                .body("decidedBy", is("ops-alice"));
        given().auth()
                .oauth2(k.token())
                .get("/v1/partner/keys/partner-info")
                .then()
                .statusCode(200)
                .body("status", is("ACTIVE"))
                .body("tier", is("PROFESSIONAL"))
                .body("rateLimit", is(3000));
        post(k.token(), "/v1/partner/keys", "{\"name\":\"live\",\"environment\":\"production\"}")
                .then()
                .statusCode(201)
                .body("publicKey", startsWith("pk_live_"))
                .body("secretKey", startsWith("sk_live_"));
        post(OPERATOR, "/v1/admin/partners/production-requests/" + requestId + "/approve", "{\"tier\":\"STANDARD\"}")
                .then()
                .statusCode(409);

        given().auth()
                .oauth2(OPERATOR)
                .get("/v1/admin/partners/" + k.partnerId() + "/decisions")
                .then()
                .statusCode(200)
                .body("[0].decision", is("APPROVE_PRODUCTION"))
                .body("[0].operator", is("ops-alice"))
                .body("[0].reason", is("KYC done"))
                .body("[0].requestId", is(requestId));
    }

    @Test
    void rejectionNeedsAReasonAndIsFinal() {
        KeyLifecycleTest.Issued k = partnerWithRequest();
        String requestId = pendingRequestOf(k.partnerId());
        post(OPERATOR, "/v1/admin/partners/production-requests/" + requestId + "/reject", "{}")
                .then()
                .statusCode(400)
                .body("details.field", hasItem("reason"));
        post(
                        OPERATOR,
                        "/v1/admin/partners/production-requests/" + requestId + "/reject",
                        "{\"reason\":\"no legal entity\"}")
                .then()
                .statusCode(200)
                .body("status", is("REJECTED"))
                .body("decisionReason", is("no legal entity"));
        post(OPERATOR, "/v1/admin/partners/production-requests/" + requestId + "/approve", "{\"tier\":\"STANDARD\"}")
                .then()
                .statusCode(409);
        given().auth()
                .oauth2(OPERATOR)
                .get("/v1/admin/partners/" + k.partnerId() + "/decisions")
                .then()
                .body("[0].decision", is("REJECT_PRODUCTION"));
    }

    @Test
    void onlyOperatorsReachTheAdminEndpoints() {
        KeyLifecycleTest.Issued k = KeyLifecycleTest.issue();
        given().auth()
                .oauth2(k.token())
                .get("/v1/admin/partners")
                .then()
                .statusCode(403)
                .body("code", is("FORBIDDEN"));
        given().get("/v1/admin/partners").then().statusCode(401).body("code", is("INVALID_TOKEN"));
    }

    @Test
    void aSuspendedPartnersKeysFailAndReactivationRestoresThem() {
        KeyLifecycleTest.Issued k = KeyLifecycleTest.issue();
        post(OPERATOR, "/v1/admin/partners/" + k.partnerId() + "/suspend", "{\"reason\":\"chargebacks\"}")
                .then()
                .statusCode(200)
                .body("status", is("SUSPENDED"));
        await().atMost(KeyLifecycleTest.PROPAGATION)
                .untilAsserted(() -> KeyLifecycleTest.widget(k.publicKey())
                        .then()
                        .statusCode(403)
                        .body("code", is("PARTNER_SUSPENDED")));
        post(k.token(), "/v1/partner/keys", "{\"name\":\"more\",\"environment\":\"sandbox\"}")
                .then()
                .statusCode(403)
                .body("code", is("PARTNER_SUSPENDED"));
        post(OPERATOR, "/v1/admin/partners/" + k.partnerId() + "/reactivate", "{\"reason\":\"resolved\"}")
                .then()
                .statusCode(200)
                .body("status", is("PENDING_APPROVAL"));
        await().atMost(KeyLifecycleTest.PROPAGATION)
                .untilAsserted(
                        () -> KeyLifecycleTest.widget(k.publicKey()).then().statusCode(200));
    }

    @Test
    void anIpAllowlistAdmitsOnlyItsAddresses() {
        KeyLifecycleTest.Issued k = KeyLifecycleTest.issue();
        given().auth()
                .oauth2(OPERATOR)
                .contentType(ContentType.JSON)
                .body("{\"ipAllowlist\":[\"203.0.113.7\"],\"reason\":\"partner asked\"}")
                .patch("/v1/admin/partners/" + k.partnerId())
                .then()
                .statusCode(200)
                .body("ipAllowlist", hasItem("203.0.113.7"));
        await().atMost(KeyLifecycleTest.PROPAGATION)
                .untilAsserted(() -> KeyLifecycleTest.widget(k.publicKey())
                        .then()
                        .statusCode(403)
                        .body("code", is("IP_NOT_ALLOWED")));
        // Behind the gateway the client address arrives as X-Real-IP (set by the gateway, never by the client).
        given().header("X-Partner-Key", k.publicKey())
                .header("X-Real-IP", "203.0.113.7")
                .get("/v1/partner/config")
                .then()
                .statusCode(200);
    }

    @Test
    void overTheRateLimitRequestsAreRefusedWithRetryAfter() {
        KeyLifecycleTest.Issued k = KeyLifecycleTest.issue();
        given().auth()
                .oauth2(OPERATOR)
                .contentType(ContentType.JSON)
                .body("{\"rateLimit\":5,\"reason\":\"test\"}")
                .patch("/v1/admin/partners/" + k.partnerId())
                .then()
                .statusCode(200);
        await().atMost(KeyLifecycleTest.PROPAGATION)
                .untilAsserted(
                        () -> KeyLifecycleTest.widget(k.publicKey()).then().header("X-RateLimit-Limit", is("5")));
        // Start in a fresh minute window, far from its end.
        long second = Instant.now().getEpochSecond() % 60;
        if (second > 45) {
            await().atMost(Duration.ofSeconds(20)).until(() -> Instant.now().getEpochSecond() % 60 < 30);
        }
        int accepted = 0;
        Response last = null;
        for (int i = 0; i < 8; i++) {
            last = KeyLifecycleTest.widget(k.publicKey());
            if (last.statusCode() == 200) {
                accepted++;
            }
        }
        assertTrue(accepted <= 5, "accepted " + accepted);
        last.then()
                .statusCode(429)
                .body("code", is("RATE_LIMITED"))
                .header("Retry-After", notNullValue())
                .header("X-RateLimit-Remaining", is("0"));
    }

    @Test
    void closedListsAreCheckedAgainstTheirEnums() {
        KeyLifecycleTest.Issued k = KeyLifecycleTest.issue();
        post(k.token(), "/v1/partner/keys/production-request", REQUEST.replace("REFERRAL", "BARTER"))
                .then()
                .statusCode(400)
                .body("code", is("VALIDATION_FAILED"))
                .body(
                        "details.message",
                        hasItem("must be one of DONATION, VOLUNTEER, PURCHASE, REFERRAL, ADVOCACY, SIGNUP, CUSTOM"));
        settings(k.partnerId(), "{\"enabledFeatures\":[\"TELEPORT\"],\"reason\":\"test\"}")
                .then()
                .statusCode(400)
                .body("details.message", hasItem("must be ACTIONS or DONATIONS"));
        given().auth()
                .oauth2(OPERATOR)
                .get("/v1/admin/partners/production-requests?status=pending")
                .then()
                .statusCode(400)
                .body("details.message", hasItem("must be one of PENDING, APPROVED, REJECTED"));
        String requestId = pendingRequestOf(partnerWithRequest().partnerId());
        post(OPERATOR, "/v1/admin/partners/production-requests/" + requestId + "/approve", "{\"tier\":\"GOLD\"}")
                .then()
                .statusCode(400)
                .body("details.message", hasItem("must be one of STANDARD, PROFESSIONAL, ENTERPRISE"));
    }

    @Test
    void enabledFeaturesAreSetPublishedAndAudited() {
        KeyLifecycleTest.Issued k = KeyLifecycleTest.issue();
        KeyLifecycleTest.widget(k.publicKey())
                .then()
                .statusCode(200)
                .body("enabledFeatures", contains("ACTIONS", "DONATIONS"));
        settings(k.partnerId(), "{\"enabledFeatures\":[\"DONATIONS\"],\"reason\":\"no actions yet\"}")
                .then()
                .statusCode(200)
                .body("enabledFeatures", contains("DONATIONS"));
        await().atMost(KeyLifecycleTest.PROPAGATION)
                .untilAsserted(() -> KeyLifecycleTest.widget(k.publicKey())
                        .then()
                        .statusCode(200)
                        .body("enabledFeatures", contains("DONATIONS")));
        given().auth()
                .oauth2(OPERATOR)
                .get("/v1/admin/partners/" + k.partnerId() + "/decisions")
                .then()
                .statusCode(200)
                .body("[0].decision", is("UPDATE_SETTINGS"))
                .body("[0].reason", is("no actions yet"));
    }

    static Response settings(String partnerId, String body) {
        return given().auth()
                .oauth2(OPERATOR)
                .contentType(ContentType.JSON)
                .body(body)
                .patch("/v1/admin/partners/" + partnerId);
    }
}
