package org.sirgiving.actions;

import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sirgiving.events.EventJson;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.PostgresDatabaseResource;
import org.sirgiving.testinfra.SignedRequests;
import org.sirgiving.testinfra.TestPartners;

@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
class ListAndReverseTest {
    private static FakeRewardsService rewards;
    private static TestPartners.Partner partner;

    @BeforeAll
    static void start() {
        rewards = new FakeRewardsService();
        partner = TestPartners.sandbox();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        rewards.close();
        assertEquals(List.of(), rewards.schemaProblems, "every sir.actions.v1 event matches its closed schema");
    }

    static Response get(TestPartners.Partner p, String pathWithQuery) {
        return SignedRequests.send(p.keys(), false, "GET", pathWithQuery, null);
    }

    static String submit(String type, String amount) {
        String body = SubmitActionTest.body(SubmitActionTest.key(), amount).replace("\"PURCHASE\"", "\"" + type + "\"");
        return SignedRequests.send(partner.keys(), true, "POST", "/v1/partner/actions/submit", body)
                .then()
                .statusCode(200)
                .extract()
                .path("actionId");
    }

    @Test
    void actionsAreListedNewestFirstPageByPageWithFilters() {
        TestPartners.Partner own = TestPartners.sandbox();
        TestPartners.Partner saved = partner;
        partner = own;
        List<String> ids = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                ids.add(0, submit(i % 2 == 0 ? "DONATION" : "VOLUNTEER", String.valueOf(i + 1)));
            }
        } finally {
            partner = saved;
        }
        List<String> seen = new ArrayList<>();
        String path = "/v1/partner/actions?limit=2";
        for (int page = 0; page < 3; page++) {
            Response r = get(own, path).then().statusCode(200).extract().response();
            seen.addAll(r.path("data.actionId"));
            String next = r.path("nextCursor");
            if (page < 2) {
                assertEquals(Boolean.TRUE, r.path("hasMore"));
                path = "/v1/partner/actions?limit=2&cursor=" + next;
            } else {
                assertEquals(Boolean.FALSE, r.path("hasMore"));
                assertEquals(null, next);
            }
        }
        assertEquals(ids, seen);
        get(own, "/v1/partner/actions?actionType=VOLUNTEER")
                .then()
                .statusCode(200)
                .body("data.size()", is(2))
                .body("data.actionType", everyItem(is("VOLUNTEER")));
        get(own, "/v1/partner/actions?status=COMPLETED&limit=100")
                .then()
                .statusCode(200)
                .body("data.size()", is(5));
        get(own, "/v1/partner/actions?status=REVERSED").then().statusCode(200).body("data.size()", is(0));
        get(own, "/v1/partner/actions?from=2999-01-01T00:00:00Z")
                .then()
                .statusCode(200)
                .body("data.size()", is(0));
        get(TestPartners.sandbox(), "/v1/partner/actions")
                .then()
                .statusCode(200)
                .body("data.size()", is(0));
    }

    @Test
    void badListingParametersAreReportedByField() {
        get(partner, "/v1/partner/actions?status=DONE&actionType=x&from=yesterday&limit=500&cursor=%21%21")
                .then()
                .statusCode(400)
                .body("code", is("VALIDATION_FAILED"))
                .body("details.field", hasItem("status"))
                .body("details.field", hasItem("actionType"))
                .body("details.field", hasItem("from"))
                .body("details.field", hasItem("limit"))
                .body("details.field", hasItem("cursor"));
    }

    @Test
    void aForgedCursorCarryingANulIsA400NotAStoreFailure() {
        String forged = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("1970-01-01T00:00:00Z|\u0000".getBytes(StandardCharsets.UTF_8));
        get(partner, "/v1/partner/actions?cursor=" + forged + "&to=2099-01-01T00%3A00%3A00Z")
                .then()
                .statusCode(400)
                .body("code", is("VALIDATION_FAILED"))
                .body("details.field", hasItem("cursor"));
    }

    @Test
    void aCompletedActionIsReversedOnce() {
        String actionId = submit("PURCHASE", "20");
        String reverse = "{\"reason\":\"refund\",\"idempotencyKey\":\"refund_" + actionId + "\"}";
        SignedRequests.send(partner.keys(), true, "POST", "/v1/partner/actions/" + actionId + "/reverse", reverse)
                .then()
                .statusCode(200)
                .body("status", is("REVERSED"))
                .body("actionId", is(actionId));
        SignedRequests.send(partner.keys(), true, "POST", "/v1/partner/actions/" + actionId + "/reverse", reverse)
                .then()
                .statusCode(200)
                .body("status", is("REVERSED"))
                .body("reversalReason", is("refund"));
        get(partner, "/v1/partner/actions/" + actionId).then().body("status", is("REVERSED"));
        assertEquals(
                1,
                rewards.reversals.stream()
                        .filter(r -> r.actionId().equals(actionId))
                        .count());
    }

    @Test
    void aReversalReportsItsOwnTransactionsInTheFirstAnswerEveryReplayAndGet() throws Exception {
        String body = SubmitActionTest.body(SubmitActionTest.key(), "15")
                .replace("{\"orderId\":\"o-1\"}", SubmitActionTest.METADATA);
        Response submitted = SignedRequests.send(partner.keys(), true, "POST", "/v1/partner/actions/submit", body);
        String actionId = submitted.then().statusCode(200).extract().path("actionId");
        List<String> rewardIds = submitted.path("transactionIds");
        String path = "/v1/partner/actions/" + actionId + "/reverse";
        String reverse = "{\"reason\":\"refund\",\"idempotencyKey\":\"refund_" + actionId + "\"}";

        Response first = SignedRequests.send(partner.keys(), true, "POST", path, reverse);
        first.then().statusCode(200).body("status", is("REVERSED"));
        List<String> reversalIds = first.path("transactionIds");
        // What action.reversed announced (the fake rewards-service names the reversal's transaction after the action).
        assertEquals(List.of("txn_rev_" + actionId.substring(4)), reversalIds);
        assertNotEquals(rewardIds, reversalIds);
        for (int i = 0; i < 2; i++) {
            Response replay = SignedRequests.send(partner.keys(), true, "POST", path, reverse);
            replay.then().statusCode(200).body("status", is("REVERSED"));
            assertEquals(reversalIds, replay.path("transactionIds"));
        }
        Response read = get(partner, "/v1/partner/actions/" + actionId);
        read.then().statusCode(200).body("status", is("REVERSED"));
        assertEquals(reversalIds, read.path("transactionIds"));
        // The reversal request carries the action's metadata, which action.reversed echoes.
        JsonNode sent = EventJson.MAPPER.readTree(SubmitActionTest.METADATA);
        assertEquals(
                sent,
                rewards.reversals.stream()
                        .filter(r -> r.actionId().equals(actionId))
                        .findFirst()
                        .orElseThrow()
                        .metadata());
        assertEquals(sent, SubmitActionTest.at(read, "/metadata"));
    }

    @Test
    void onlyCompletedActionsOfTheCallerCanBeReversed() {
        String key = SubmitActionTest.key();
        rewards.replyTo(key, FakeRewardsService.Reply.INSUFFICIENT_POOL);
        String failed = SignedRequests.send(
                        partner.keys(), true, "POST", "/v1/partner/actions/submit", SubmitActionTest.body(key, "9"))
                .then()
                .statusCode(402)
                .extract()
                .path("result.actionId");
        String body = "{\"reason\":\"refund\",\"idempotencyKey\":\"r1\"}";
        SignedRequests.send(partner.keys(), true, "POST", "/v1/partner/actions/" + failed + "/reverse", body)
                .then()
                .statusCode(409)
                .body("code", is("CONFLICT"));
        String theirs = submit("PURCHASE", "1");
        SignedRequests.send(
                        TestPartners.sandbox().keys(), true, "POST", "/v1/partner/actions/" + theirs + "/reverse", body)
                .then()
                .statusCode(404);
        SignedRequests.send(
                        partner.keys(), true, "POST", "/v1/partner/actions/" + theirs + "/reverse", "{\"reason\":\"\"}")
                .then()
                .statusCode(400)
                .body("details.field", hasItem("reason"))
                .body("details.field", hasItem("idempotencyKey"));
        SignedRequests.send(partner.keys(), false, "POST", "/v1/partner/actions/" + theirs + "/reverse", body)
                .then()
                .statusCode(403)
                .body("code", is("SECRET_KEY_REQUIRED"));
        get(partner, "/v1/partner/actions/" + theirs).then().body("reversalRequestedAt", nullValue());
    }
}
