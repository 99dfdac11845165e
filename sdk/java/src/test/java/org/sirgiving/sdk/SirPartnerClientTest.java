package org.sirgiving.sdk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sirgiving.sdk.FakeApi.Answer;
import org.sirgiving.sdk.model.Action;
import org.sirgiving.sdk.model.ActionStatus;
import org.sirgiving.sdk.model.ActionType;
import org.sirgiving.sdk.model.Page;
import org.sirgiving.sdk.model.PartnerUser;
import org.sirgiving.sdk.model.Stakeholder;
import org.sirgiving.sdk.model.SubmitActionRequest;
import org.sirgiving.sdk.model.UpdateUserRequest;
import org.sirgiving.sdk.model.WebhookEndpointRequest;

/** The client against a real local HTTP server answering as the API does (docs/partner-api.md sections 3, 4, 8, 9). */
class SirPartnerClientTest {
    static final String KEY = "sk_test_" + "1".repeat(64);
    static final String HMAC = "a".repeat(64);
    private static final String ACTION =
            "{\"actionId\":\"act_1\",\"idempotencyKey\":\"order-1\",\"status\":\"%s\",\"tokensDistributed\":%d,"
                    + "\"transactionIds\":[],\"actionType\":\"PURCHASE\",\"amount\":49.99,\"currency\":\"USD\","
                    + "\"environment\":\"sandbox\",\"createdAt\":\"2026-05-10T09:12:00Z\",\"someNewField\":1}";

    private FakeApi api;
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private SirPartnerClient client;

    @BeforeEach
    void start() throws Exception {
        api = new FakeApi();
        client = SirPartnerClient.builder()
                .baseUrl(api.baseUrl())
                .partnerKey(KEY)
                .hmacSecret(HMAC)
                .requestTimeout(Duration.ofSeconds(10))
                .retryPolicy(RetryPolicy.builder()
                        .maxAttempts(3)
                        .sleeper(sleeps::add)
                        .build())
                .build();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private static SubmitActionRequest purchase() {
        return SubmitActionRequest.builder()
                .idempotencyKey("order-1")
                .actionType(ActionType.PURCHASE)
                .amount("49.99")
                .currency("USD")
                .stakeholder(Stakeholder.of("CUSTOMER", "user-42"))
                .autoCreateUsers(true)
                .build();
    }

    private static String action(String status, long tokens) {
        return String.format(ACTION, status, tokens);
    }

    private static String error(int status, String code, String extra) {
        return "{\"statusCode\":" + status + ",\"code\":\"" + code + "\",\"message\":\"m\",\"requestId\":\"req_"
                + code.toLowerCase() + "\"" + extra + "}";
    }

    @Test
    void submitRetriesWhileInProgressWithTheSameKeyAndBytesHonouringRetryAfter() throws Exception {
        api.then(Answer.json(409, error(409, "IDEMPOTENCY_IN_PROGRESS", ""), Map.of("Retry-After", "1")))
                .then(Answer.json(200, action("COMPLETED", 50)));

        Action action = client.submitAction(purchase());

        assertEquals(ActionStatus.COMPLETED, action.status());
        assertEquals(50, action.tokensDistributed());
        assertEquals(2, api.seen.size());
        assertArrayEquals(api.seen.get(0).body(), api.seen.get(1).body());
        assertTrue(
                new String(api.seen.get(0).body(), StandardCharsets.UTF_8).contains("\"idempotencyKey\":\"order-1\""));
        assertEquals(List.of(Duration.ofSeconds(1)), sleeps);
        for (FakeApi.Seen s : api.seen) {
            assertSignedAsTheContractSays(s);
        }
    }

    @Test
    void aReplayAnswered409IdempotentIsTheOriginalResult() {
        api.then(Answer.json(
                409,
                error(409, "IDEMPOTENT", ",\"result\":" + action("COMPLETED", 50)),
                Map.of("Idempotent-Replayed", "true")));

        ApiResponse<Action> response = client.submitActionWithResponse(purchase());

        assertTrue(response.replayed());
        assertEquals(409, response.statusCode());
        assertEquals("act_1", response.data().actionId());
        assertEquals(ActionStatus.COMPLETED, response.data().status());
        assertEquals(1, api.seen.size());
    }

    @Test
    void a503IsRetriedAndA202PendingIsReturnedAsTheAction() {
        api.then(Answer.json(503, error(503, "SERVICE_UNAVAILABLE", ""), Map.of("Retry-After", "2")))
                .then(Answer.json(202, action("PENDING", 0)));

        ApiResponse<Action> response = client.submitActionWithResponse(purchase());

        assertEquals(202, response.statusCode());
        assertEquals(ActionStatus.PENDING, response.data().status());
        assertFalse(response.replayed());
        assertEquals(List.of(Duration.ofSeconds(2)), sleeps);
        assertArrayEquals(api.seen.get(0).body(), api.seen.get(1).body());
    }

    @Test
    void aLostConnectionIsRetriedWithTheSameBytesAfterAJitteredBackoff() {
        api.then(Answer.dropConnection()).then(Answer.json(200, action("COMPLETED", 50)));

        Action action = client.submitAction(purchase());

        assertEquals("act_1", action.actionId());
        assertEquals(2, api.seen.size());
        assertArrayEquals(api.seen.get(0).body(), api.seen.get(1).body());
        assertEquals(1, sleeps.size());
        // the default first backoff is 500 ms, drawn between half and all of it
        assertTrue(
                sleeps.get(0).toMillis() >= 250 && sleeps.get(0).toMillis() <= 500,
                sleeps.get(0).toString());
    }

    @Test
    void givesUpAfterTheLastAttemptWithTheLastError() {
        for (int i = 0; i < 3; i++) {
            api.then(Answer.json(503, error(503, "SERVICE_UNAVAILABLE", ""), Map.of("Retry-After", "1")));
        }

        SirApiException e = assertThrows(SirApiException.class, () -> client.submitAction(purchase()));

        assertEquals(ErrorCode.SERVICE_UNAVAILABLE, e.code());
        assertEquals(Duration.ofSeconds(1), e.retryAfter().orElseThrow());
        assertEquals(3, api.seen.size());
        assertEquals(2, sleeps.size());
    }

    @Test
    void errorsAreTypedWithCodeRequestIdAndFieldDetailsAndNotRetried() {
        api.then(Answer.json(
                400,
                error(
                        400,
                        "VALIDATION_FAILED",
                        ",\"details\":[{\"field\":\"stakeholders[0].partnerUserId\",\"message\":\"is required\"}]")));

        SirApiException e = assertThrows(SirApiException.class, () -> client.submitAction(purchase()));

        assertEquals(400, e.statusCode());
        assertEquals(ErrorCode.VALIDATION_FAILED, e.code());
        assertEquals("VALIDATION_FAILED", e.rawCode());
        assertEquals("req_validation_failed", e.requestId());
        assertEquals(List.of(new FieldError("stakeholders[0].partnerUserId", "is required")), e.details());
        assertEquals(1, api.seen.size());
    }

    @Test
    void aCodeThisSdkDoesNotKnowKeepsItsRawString() {
        api.then(Answer.json(
                422,
                "{\"statusCode\":422,\"code\":\"SOMETHING_NEWER\",\"message\":\"m\"}",
                Map.of("X-Request-Id", "req_from_header")));

        SirApiException e = assertThrows(SirApiException.class, () -> client.getAction("act_1"));

        assertEquals(ErrorCode.UNKNOWN, e.code());
        assertEquals("SOMETHING_NEWER", e.rawCode());
        assertEquals("req_from_header", e.requestId());
    }

    @Test
    void aRefusedSubmitCarriesTheFailedAction() {
        api.then(Answer.json(
                402,
                error(
                        402,
                        "INSUFFICIENT_POOL",
                        ",\"result\":" + action("FAILED", 0).replace("}", ",\"failureCode\":\"INSUFFICIENT_POOL\"}"))));

        SirApiException e = assertThrows(SirApiException.class, () -> client.submitAction(purchase()));

        assertEquals(ErrorCode.INSUFFICIENT_POOL, e.code());
        Action failed = e.resultAs(Action.class).orElseThrow();
        assertEquals(ActionStatus.FAILED, failed.status());
        assertEquals("INSUFFICIENT_POOL", failed.failureCode());
        assertEquals(1, api.seen.size());
    }

    @Test
    void anUpdateIsNotResentAfterALostConnection() {
        api.then(Answer.dropConnection());

        SirTransportException e = assertThrows(
                SirTransportException.class,
                () -> client.updateUser("user-42", new UpdateUserRequest(null, "Ada", null, null)));

        assertEquals(1, e.attempts());
        assertEquals(1, api.seen.size());
        assertEquals("{\"firstName\":\"Ada\"}", new String(api.seen.get(0).body(), StandardCharsets.UTF_8));
    }

    @Test
    void aRetryAfterLongerThanThePolicyAllowsGoesToTheCaller() {
        api.then(Answer.json(429, error(429, "RATE_LIMITED", ""), Map.of("Retry-After", "3600")));

        SirApiException e = assertThrows(SirApiException.class, () -> client.getAction("act_1"));

        assertEquals(ErrorCode.RATE_LIMITED, e.code());
        assertEquals(Duration.ofHours(1), e.retryAfter().orElseThrow());
        assertEquals(1, api.seen.size());
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void readsAreSignedOverThePathAndQueryAsSentWithIdsPercentEncoded() throws Exception {
        api.then(Answer.json(
                        200,
                        "{\"data\":[{\"id\":\"usr_1\",\"externalId\":\"user 42/a\",\"metadata\":{\"tier\":\"gold\"}}],"
                                + "\"page\":1,\"limit\":20,\"total\":1}",
                        Map.of(
                                "X-RateLimit-Limit",
                                "600",
                                "X-RateLimit-Remaining",
                                "599",
                                "X-RateLimit-Reset",
                                "1746876060")))
                .then(Answer.json(200, "{\"id\":\"usr_1\",\"externalId\":\"user 42/a\"}"));

        Page<PartnerUser> users = client.listUsers(1, 20);
        PartnerUser user = client.getUser("user 42/a");

        assertEquals("/v1/partner/users?page=1&limit=20", api.seen.get(0).pathWithQuery());
        assertEquals("/v1/partner/users/user%2042%2Fa", api.seen.get(1).pathWithQuery());
        assertEquals(1, users.total());
        assertEquals("gold", users.data().get(0).metadata().get("tier"));
        assertEquals("user 42/a", user.externalId());
        for (FakeApi.Seen s : api.seen) {
            assertSignedAsTheContractSays(s);
        }
    }

    @Test
    void aCreateCarriesOneIdempotencyKeyOnEveryRetry() {
        api.then(Answer.json(503, error(503, "SERVICE_UNAVAILABLE", ""), Map.of("Retry-After", "1")))
                .then(Answer.json(
                        201,
                        "{\"id\":\"wh_1\",\"url\":\"https://example.org/hooks\",\"eventTypes\":[\"action.completed\"],"
                                + "\"secret\":\"whsec_" + "c".repeat(64) + "\",\"isActive\":true}"));

        var issued = client.createWebhookEndpoint(
                WebhookEndpointRequest.of("https://example.org/hooks", List.of("action.completed")), null);

        assertEquals("whsec_" + "c".repeat(64), issued.secret());
        assertTrue(issued.isActive());
        String key = api.seen.get(0).header("Idempotency-Key");
        assertNotNull(key);
        assertEquals(key, api.seen.get(1).header("Idempotency-Key"));
    }

    @Test
    void rateLimitHeadersComeWithTheAnswer() {
        api.then(Answer.json(
                200,
                action("COMPLETED", 50),
                Map.of("X-RateLimit-Limit", "600", "X-RateLimit-Remaining", "17", "X-RateLimit-Reset", "1746876060")));

        ApiResponse<Action> response = client.submitActionWithResponse(purchase());

        assertEquals(new RateLimit(600, 17, Instant.ofEpochSecond(1746876060)), response.rateLimit());
    }

    /** Checked with the JDK's own HMAC, as the server does: not with the SDK's signer. */
    static void assertSignedAsTheContractSays(FakeApi.Seen s) throws Exception {
        assertEquals(KEY, s.header("X-Partner-Key"));
        String timestamp = s.header("X-Timestamp");
        assertTrue(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) < 300);
        String bodyHash =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.body()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(HMAC.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
        String expected = HexFormat.of()
                .formatHex(mac.doFinal(
                        (timestamp + s.method() + s.pathWithQuery() + bodyHash).getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, s.header("X-Signature"));
    }
}
