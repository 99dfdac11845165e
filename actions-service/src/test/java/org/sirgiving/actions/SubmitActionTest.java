package org.sirgiving.actions;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sirgiving.events.ActionType;
import org.sirgiving.events.Environment;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventJson;
import org.sirgiving.events.payload.ActionOutcome;
import org.sirgiving.events.payload.ActionSubmitted;
import org.sirgiving.events.payload.FailureCode;
import org.sirgiving.events.payload.OutcomeStatus;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.PostgresDatabaseResource;
import org.sirgiving.testinfra.SignedRequests;
import org.sirgiving.testinfra.TestPartners;

@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
class SubmitActionTest {
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

    static String body(String key, String amount) {
        return "{\"idempotencyKey\":\"" + key + "\",\"actionType\":\"PURCHASE\",\"amount\":" + amount
                + ",\"currency\":\"USD\",\"stakeholders\":[{\"stakeholderTypeCode\":\"CUSTOMER\",\"partnerUserId\":\"u-1\"}],"
                + "\"autoCreateUsers\":true,\"metadata\":{\"orderId\":\"o-1\"}}";
    }

    static Response submit(String body) {
        return SignedRequests.send(partner.keys(), true, "POST", "/v1/partner/actions/submit", body);
    }

    static String key() {
        return "purchase_" + UUID.randomUUID();
    }

    @Test
    void signedSubmitIsAnsweredWithTheRewardWithinTheWaitBudget() {
        String key = key();
        submit(body(key, "49.99"))
                .then()
                .statusCode(200)
                .body("actionId", matchesPattern("act_[0-9a-f]{24}"))
                .body("idempotencyKey", is(key))
                .body("status", is("COMPLETED"))
                .body("tokensDistributed", is(50))
                .body("transactionIds.size()", is(1));
    }

    @Test
    void aKeyNamesTheSameActionEvenAfterItsRowWasLostInARestore() throws SQLException {
        String key = key();
        String actionId =
                submit(body(key, "10")).then().statusCode(200).extract().path("actionId");
        // A restore from a backup taken before this submit: actions-service no longer has the row.
        sql("DELETE FROM actions WHERE id = '" + actionId + "'");
        submit(body(key, "10"))
                .then()
                .statusCode(200)
                .body("actionId", is(actionId))
                .body("status", is("COMPLETED"));
        String other = key();
        String otherId =
                submit(body(other, "10")).then().statusCode(200).extract().path("actionId");
        assertNotEquals(actionId, otherId);
    }

    private static void sql(String statement) throws SQLException {
        var config = ConfigProvider.getConfig();
        try (Connection c = DriverManager.getConnection(
                        config.getValue("quarkus.datasource.jdbc.url", String.class),
                        config.getValue("quarkus.datasource.username", String.class),
                        config.getValue("quarkus.datasource.password", String.class));
                Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }

    @Test
    void sameKeyAndSameBodyReplaysTheOriginalResult() {
        String key = key();
        String actionId =
                submit(body(key, "10")).then().statusCode(200).extract().path("actionId");
        // Reordered keys and whitespace are still the same request.
        String reordered = body(key, "10")
                .replace(
                        "{\"idempotencyKey\":\"" + key + "\",\"actionType\":\"PURCHASE\",",
                        "{ \"actionType\": \"PURCHASE\", \"idempotencyKey\": \"" + key + "\",");
        submit(reordered)
                .then()
                .statusCode(409)
                .header("Idempotent-Replayed", "true")
                .body("code", is("IDEMPOTENT"))
                .body("result.actionId", is(actionId))
                .body("result.status", is("COMPLETED"))
                .body("result.tokensDistributed", is(10));
        assertEquals(1, rewards.submissionsOf(key), "a replay publishes nothing");
    }

    /** Nested objects, arrays, numbers, booleans, null and non-ASCII text: all come back as sent. */
    static final String METADATA = "{\"orderId\":\"o-7\",\"cart\":{\"items\":[{\"sku\":\"a-1\",\"qty\":2,"
            + "\"tags\":[\"gift\",\"été\"]}],\"total\":12.5,\"coupon\":null},\"firstOrder\":true,\"n\":-3}";

    static JsonNode at(Response r, String pointer) throws Exception {
        return EventJson.MAPPER.readTree(r.asString()).at(pointer);
    }

    @Test
    void metadataIsEchoedExactlyBySubmitReplayGetAndList() throws Exception {
        TestPartners.Partner own = TestPartners.sandbox();
        JsonNode sent = EventJson.MAPPER.readTree(METADATA);
        String key = key();
        String body = body(key, "10").replace("{\"orderId\":\"o-1\"}", METADATA);

        Response first = SignedRequests.send(own.keys(), true, "POST", "/v1/partner/actions/submit", body);
        first.then().statusCode(200);
        assertEquals(sent, at(first, "/metadata"));
        String actionId = first.path("actionId");

        Response replay = SignedRequests.send(own.keys(), true, "POST", "/v1/partner/actions/submit", body);
        replay.then().statusCode(409).body("code", is("IDEMPOTENT"));
        assertEquals(sent, at(replay, "/result/metadata"));

        Response get = SignedRequests.send(own.keys(), false, "GET", "/v1/partner/actions/" + actionId, null);
        get.then().statusCode(200);
        assertEquals(sent, at(get, "/metadata"));

        Response list = SignedRequests.send(own.keys(), false, "GET", "/v1/partner/actions", null);
        list.then().statusCode(200).body("data.actionId", contains(actionId));
        assertEquals(sent, at(list, "/data/0/metadata"));
    }

    @Test
    void metadataIsEchoedByAPendingAndARefusedAnswerAndAbsentWhenNoneWasSent() throws Exception {
        JsonNode sent = EventJson.MAPPER.readTree(METADATA);
        String pendingKey = key();
        rewards.replyTo(pendingKey, FakeRewardsService.Reply.SILENT);
        Response pending = submit(body(pendingKey, "3").replace("{\"orderId\":\"o-1\"}", METADATA));
        pending.then().statusCode(202).body("status", is("PENDING"));
        assertEquals(sent, at(pending, "/metadata"));

        String refusedKey = key();
        rewards.replyTo(refusedKey, FakeRewardsService.Reply.INSUFFICIENT_POOL);
        Response refused = submit(body(refusedKey, "4").replace("{\"orderId\":\"o-1\"}", METADATA));
        refused.then().statusCode(402);
        assertEquals(sent, at(refused, "/result/metadata"));

        submit(body(key(), "5").replace(",\"metadata\":{\"orderId\":\"o-1\"}", ""))
                .then()
                .statusCode(200)
                .body("$", not(hasKey("metadata")));
    }

    @Test
    void anExactReplayOfASignedSubmitAnswersTheOriginal() {
        String key = key();
        String body = body(key, "7");
        long timestamp = System.currentTimeMillis() / 1000;
        String actionId = SignedRequests.send(
                        partner.keys(), true, "POST", "/v1/partner/actions/submit", body, timestamp)
                .then()
                .statusCode(200)
                .extract()
                .path("actionId");
        SignedRequests.send(partner.keys(), true, "POST", "/v1/partner/actions/submit", body, timestamp)
                .then()
                .statusCode(409)
                .body("code", is("IDEMPOTENT"))
                .body("result.actionId", is(actionId));
        assertEquals(1, rewards.submissionsOf(key), "a replay publishes nothing");
        // Reads may be replayed: they change nothing.
        for (int i = 0; i < 2; i++) {
            SignedRequests.send(partner.keys(), false, "GET", "/v1/partner/actions/" + actionId, null, timestamp)
                    .then()
                    .statusCode(200);
        }
    }

    @Test
    void sameKeyWithADifferentBodyIsRefused() {
        String key = key();
        submit(body(key, "10")).then().statusCode(200);
        submit(body(key, "11")).then().statusCode(422).body("code", is("IDEMPOTENCY_KEY_REUSED"));
    }

    @Test
    void insufficientPoolDoesNotConsumeTheKey() {
        String key = key();
        rewards.replyTo(key, FakeRewardsService.Reply.INSUFFICIENT_POOL);
        String actionId = submit(body(key, "500"))
                .then()
                .statusCode(402)
                .body("code", is("INSUFFICIENT_POOL"))
                .body("result.actionId", notNullValue())
                .extract()
                .path("result.actionId");
        rewards.replyTo(key, FakeRewardsService.Reply.COMPLETE);
        submit(body(key, "500"))
                .then()
                .statusCode(200)
                .body("actionId", is(actionId))
                .body("status", is("COMPLETED"))
                .body("tokensDistributed", is(500));
    }

    @Test
    void anActionDecidedInvalidEndsFailedAndItsKeyCanBeResubmitted() {
        String key = key();
        rewards.replyTo(key, FakeRewardsService.Reply.INVALID_ACTION);
        String actionId = submit(body(key, "12"))
                .then()
                .statusCode(422)
                .body("code", is("UNPROCESSABLE"))
                .body("result.status", is("FAILED"))
                .body("result.failureCode", is("INVALID_ACTION"))
                .extract()
                .path("result.actionId");
        rewards.replyTo(key, FakeRewardsService.Reply.COMPLETE);
        submit(body(key, "12"))
                .then()
                .statusCode(200)
                .body("actionId", is(actionId))
                .body("status", is("COMPLETED"));
    }

    @Test
    void textThatCannotBeStoredIsRefusedBeforeAnythingIsAccepted() {
        String nulInUser = key();
        submit(body(nulInUser, "1").replace("\"u-1\"", "\"u\\u0000x\""))
                .then()
                .statusCode(400)
                .body("code", is("VALIDATION_FAILED"))
                .body("details.field", hasItems("stakeholders[0].partnerUserId"));
        String loneSurrogate = key();
        submit(body(loneSurrogate, "1").replace("\"o-1\"", "\"o\\ud800\""))
                .then()
                .statusCode(400)
                .body("code", is("VALIDATION_FAILED"))
                .body("details.field", hasItems("metadata.orderId"));
        // In a field name the parser itself refuses a broken surrogate pair: the body is not JSON.
        submit(body(key(), "1").replace("\"orderId\"", "\"order\\ud800Id\""))
                .then()
                .statusCode(400)
                .body("code", is("INVALID_JSON"));
        submit(body("key\\u0000", "1")).then().statusCode(400).body("details.field", hasItems("idempotencyKey"));
        // A well-formed pair is text like any other.
        submit(body(key(), "1").replace("\"o-1\"", "\"\\ud83d\\ude00\"")).then().statusCode(200);
        assertEquals(0, rewards.submissionsOf(nulInUser) + rewards.submissionsOf(loneSurrogate));
    }

    @Test
    void pastTheWaitBudgetTheActionIsPendingAndItsOutcomeIsStoredLater() {
        String key = key();
        rewards.replyTo(key, FakeRewardsService.Reply.SILENT);
        String actionId = submit(body(key, "7"))
                .then()
                .statusCode(202)
                .body("status", is("PENDING"))
                .extract()
                .path("actionId");
        submit(body(key, "7"))
                .then()
                .statusCode(409)
                .header("Retry-After", "1")
                .body("code", is("IDEMPOTENCY_IN_PROGRESS"));

        ActionSubmitted sent = rewards.received.stream()
                .filter(a -> a.actionId().equals(actionId))
                .findFirst()
                .orElseThrow();
        FakeRewardsService.publishOutcome(
                EventEnvelope.of("action.completed", partner.partnerId(), Environment.SANDBOX, "test", sent),
                new ActionOutcome(
                        actionId,
                        key,
                        ActionType.PURCHASE,
                        OutcomeStatus.COMPLETED,
                        7,
                        List.of("txn_late"),
                        null,
                        null,
                        1,
                        null));
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(
                        () -> SignedRequests.send(partner.keys(), false, "GET", "/v1/partner/actions/" + actionId, null)
                                .then()
                                .statusCode(200)
                                .body("status", is("COMPLETED"))
                                .body("transactionIds", contains("txn_late")));
    }

    @Test
    void theSameKeyFromManyClientsAtOnceIsAcceptedOnce() throws Exception {
        String key = key();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                calls.add(() -> submit(body(key, "3")).statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            // 200 (completed within the wait budget) and 202 (still PENDING) both acknowledge the action;
            // which one the winner gets depends on how fast the fake rewards service answers, not on the rule.
            assertEquals(1, statuses.stream().filter(s -> s == 200 || s == 202).count(), "statuses: " + statuses);
            assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 202 || s == 409), "statuses: " + statuses);
        } finally {
            pool.shutdownNow();
        }
        Thread.sleep(500);
        assertEquals(1, rewards.submissionsOf(key), "published exactly once");
    }

    @Test
    void actionsOfAnotherPartnerAreNotFound() {
        String actionId =
                submit(body(key(), "1")).then().statusCode(200).extract().path("actionId");
        TestPartners.Partner other = TestPartners.sandbox();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> SignedRequests.send(other.keys(), false, "GET", "/v1/partner/actions/" + actionId, null)
                                .then()
                                .statusCode(404)
                                .body("code", is("NOT_FOUND")));
    }

    @Test
    void invalidFieldsAreReportedOneByOne() {
        String bad = "{\"idempotencyKey\":\"\",\"actionType\":\"SHOPPING\",\"amount\":-1.999,\"currency\":\"usd\","
                + "\"stakeholders\":[{\"partnerUserId\":\"u\"}],\"metadata\":[1]}";
        submit(bad)
                .then()
                .statusCode(400)
                .body("code", is("VALIDATION_FAILED"))
                .body(
                        "details.field",
                        hasItems(
                                "idempotencyKey",
                                "actionType",
                                "amount",
                                "currency",
                                "stakeholders[0].stakeholderTypeCode",
                                "metadata"));
        submit("{\"idempotencyKey\":\"k\",\"amount\":\"lots\"}")
                .then()
                .statusCode(400)
                .body("code", is("VALIDATION_FAILED"))
                .body("details[0].field", is("amount"));
        submit("{\"idempotencyKey\":").then().statusCode(400).body("code", is("INVALID_JSON"));
        String tooManyStakeholders = body(key(), "1")
                .replace(
                        "[{\"stakeholderTypeCode\":\"CUSTOMER\",\"partnerUserId\":\"u-1\"}]",
                        "["
                                + String.join(
                                        ",",
                                        Collections.nCopies(
                                                11, "{\"stakeholderTypeCode\":\"C\",\"partnerUserId\":\"u\"}"))
                                + "]");
        submit(tooManyStakeholders).then().statusCode(400).body("details.field", hasItems("stakeholders"));
    }

    @Test
    void oversizedAndNonJsonBodiesAreRefusedInTheContractFormat() {
        String huge = body(key(), "1").replace("\"o-1\"", "\"" + "x".repeat(70_000) + "\"");
        submit(huge)
                .then()
                .statusCode(413)
                .body("code", is("PAYLOAD_TOO_LARGE"))
                .body("requestId", notNullValue());
        // No body at all (so no Content-Type either): the missing body is what is reported (docs/partner-api.md 9).
        SignedRequests.send(partner.keys(), true, "POST", "/v1/partner/actions/submit", null)
                .then()
                .statusCode(400)
                .body("code", is("VALIDATION_FAILED"))
                .body("message", is("A request body is required"));
    }

    @Test
    void everyAuthenticationFailureHasItsOwnCode() {
        String body = body(key(), "1");
        RestAssured.given()
                .contentType("application/json")
                .body(body)
                .post("/v1/partner/actions/submit")
                .then()
                .statusCode(401)
                .body("code", is("MISSING_CREDENTIALS"));
        SignedRequests.send(
                        new SignedRequests.PartnerKeys(
                                "pk_test_" + "0".repeat(64), "sk_test_" + "0".repeat(64), "0".repeat(64)),
                        true,
                        "POST",
                        "/v1/partner/actions/submit",
                        body)
                .then()
                .statusCode(401)
                .body("code", is("INVALID_API_KEY"));
        SignedRequests.send(
                        new SignedRequests.PartnerKeys(
                                partner.keys().publicKey(), partner.keys().secretKey(), "f".repeat(64)),
                        true,
                        "POST",
                        "/v1/partner/actions/submit",
                        body)
                .then()
                .statusCode(401)
                .body("code", is("INVALID_SIGNATURE"));
        SignedRequests.send(
                        partner.keys(),
                        true,
                        "POST",
                        "/v1/partner/actions/submit",
                        body,
                        System.currentTimeMillis() / 1000 - 301)
                .then()
                .statusCode(401)
                .body("code", is("TIMESTAMP_OUT_OF_WINDOW"));
        SignedRequests.send(partner.keys(), false, "POST", "/v1/partner/actions/submit", body)
                .then()
                .statusCode(403)
                .body("code", is("SECRET_KEY_REQUIRED"));
    }

    @Test
    void aLateOutcomeOfAnEarlierAttemptDoesNotDecideTheResubmission() {
        String key = key();
        rewards.replyTo(key, FakeRewardsService.Reply.INSUFFICIENT_POOL);
        String actionId =
                submit(body(key, "30")).then().statusCode(402).extract().path("result.actionId");
        rewards.replyTo(key, FakeRewardsService.Reply.SILENT);
        submit(body(key, "30")).then().statusCode(202).body("status", is("PENDING"));

        ActionSubmitted second = rewards.received.stream()
                .filter(a -> a.actionId().equals(actionId) && a.attempt() == 2)
                .findFirst()
                .orElseThrow();
        EventEnvelope cause =
                EventEnvelope.of("action.submitted", partner.partnerId(), Environment.SANDBOX, "test", second);
        // A redelivered refusal of attempt 1 arrives late: it must not fail attempt 2.
        FakeRewardsService.publishOutcome(
                cause,
                new ActionOutcome(
                        actionId,
                        key,
                        ActionType.PURCHASE,
                        OutcomeStatus.FAILED,
                        0,
                        List.of(),
                        FailureCode.INSUFFICIENT_POOL,
                        "late",
                        1,
                        null));
        FakeRewardsService.publishOutcome(
                cause,
                new ActionOutcome(
                        actionId,
                        key,
                        ActionType.PURCHASE,
                        OutcomeStatus.COMPLETED,
                        30,
                        List.of("txn_second"),
                        null,
                        null,
                        2,
                        null));
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(
                        () -> SignedRequests.send(partner.keys(), false, "GET", "/v1/partner/actions/" + actionId, null)
                                .then()
                                .statusCode(200)
                                .body("status", is("COMPLETED"))
                                .body("transactionIds", contains("txn_second")));
    }
}
