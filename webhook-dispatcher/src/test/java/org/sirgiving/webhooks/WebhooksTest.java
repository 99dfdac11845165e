package org.sirgiving.webhooks;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sirgiving.webhooks.WebhookApi.BASE;
import static org.sirgiving.webhooks.WebhookApi.call;
import static org.sirgiving.webhooks.WebhookApi.deliveries;
import static org.sirgiving.webhooks.WebhookApi.endpoint;
import static org.sirgiving.webhooks.WebhookApi.newPartner;
import static org.sirgiving.webhooks.WebhookApi.publish;
import static org.sirgiving.webhooks.WebhookApi.read;
import static org.sirgiving.webhooks.WebhookApi.register;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.sirgiving.events.Environment;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventJson;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.Topics;
import org.sirgiving.events.payload.DonationOutcome;
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
class WebhooksTest {
    private static final Duration DELIVERED_WITHIN = Duration.ofSeconds(15);

    @Inject
    MutableClock clock;

    /** The partner's side of the contract: HMAC-SHA256 keyed with the whsec_ string over "timestamp.body". */
    static String expectedSignature(String secret, String timestamp, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    @Test
    void theSecretIsShownAtCreationAndRotationOnly() {
        TestPartners.Partner p = newPartner();
        try (Receiver receiver = Receiver.start()) {
            JsonPath created = register(
                    p,
                    endpoint(
                            receiver.url(),
                            "description",
                            "orders",
                            "eventTypes",
                            List.of(EventTypes.ACTION_COMPLETED),
                            "headers",
                            Map.of("X-Partner-Token", "t-1")));
            String id = created.getString("id");
            String secret = created.getString("secret");
            assertTrue(id.matches("whk_[0-9a-f]{24}"), id);
            assertTrue(secret.matches("whsec_[0-9a-f]{64}"), secret);
            assertEquals(receiver.url(), created.getString("url"));
            assertEquals(List.of(EventTypes.ACTION_COMPLETED), created.getList("eventTypes"));
            assertFalse(created.getBoolean("receiveAllEvents"));
            assertTrue(created.getBoolean("isActive"));
            assertEquals("t-1", created.getString("headers.X-Partner-Token"));
            assertTrue(created.getString("createdAt") != null);

            String list = read(p, BASE)
                    .then()
                    .statusCode(200)
                    .body("data.size()", is(1))
                    .body("data[0].id", is(id))
                    .body("data[0]", not(hasKey("secret")))
                    .extract()
                    .asString();
            assertFalse(list.contains(secret));
            String one = read(p, BASE + "/" + id)
                    .then()
                    .statusCode(200)
                    .body("$", not(hasKey("secret")))
                    .body("isActive", is(true))
                    .body("description", is("orders"))
                    .extract()
                    .asString();
            assertFalse(one.contains(secret));

            String rotated = call(p, "POST", BASE + "/" + id + "/rotate-secret", null)
                    .then()
                    .statusCode(200)
                    .body("id", is(id))
                    .body("secret", matchesPattern("whsec_[0-9a-f]{64}"))
                    .extract()
                    .path("secret");
            assertNotEquals(secret, rotated);
            String after =
                    read(p, BASE + "/" + id).then().statusCode(200).extract().asString();
            assertFalse(after.contains(secret) || after.contains(rotated));
        }
    }

    @Test
    void anExactReplayOfASignedChangeIsRefusedAndHasNoSecondEffect() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            TestPartners.Partner p = newPartner();
            JsonPath created = register(p, endpoint(receiver.url(), "receiveAllEvents", true));
            String id = created.getString("id");
            String original = created.getString("secret");
            String rotate = BASE + "/" + id + "/rotate-secret";
            long captured = System.currentTimeMillis() / 1000;
            String rotated = SignedRequests.send(p.keys(), true, "POST", rotate, null, captured)
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("secret");
            SignedRequests.send(p.keys(), true, "POST", rotate, null, captured)
                    .then()
                    .statusCode(409)
                    .body("code", is("REQUEST_REPLAYED"))
                    .body("result", nullValue());

            // The endpoint signs with the secret of the one rotation accepted, and the one it replaced (the overlap):
            // a second rotation would have left the original out.
            call(p, "POST", BASE + "/" + id + "/test", null).then().statusCode(202);
            await().atMost(DELIVERED_WITHIN).until(() -> receiver.requests.size() == 1);
            Receiver.Received r = receiver.requests.get(0);
            String timestamp = r.header("X-SIR-Timestamp");
            assertEquals(
                    expectedSignature(rotated, timestamp, r.body()) + " "
                            + expectedSignature(original, timestamp, r.body()),
                    r.header("X-SIR-Signature"));

            // A replayed PATCH does not undo a later change, Idempotency-Key header or not (a PATCH honours none).
            String off = "{\"isActive\":false}";
            long patched = System.currentTimeMillis() / 1000;
            SignedRequests.send(p.keys(), true, "PATCH", BASE + "/" + id, off, patched)
                    .then()
                    .statusCode(200);
            call(p, "PATCH", BASE + "/" + id, "{\"isActive\":true}").then().statusCode(200);
            SignedRequests.send(
                            p.keys(), true, "PATCH", BASE + "/" + id, off, patched, Map.of("Idempotency-Key", "k-1"))
                    .then()
                    .statusCode(409)
                    .body("code", is("REQUEST_REPLAYED"));
            read(p, BASE + "/" + id).then().statusCode(200).body("isActive", is(true));
        }
    }

    @Test
    void theSameIdempotencyKeyCreatesOneEndpoint() {
        TestPartners.Partner p = newPartner();
        String body = WebhookApi.json(endpoint("http://127.0.0.1:9/hook", "receiveAllEvents", true));
        JsonPath first = WebhookApi.callWithHeaders(p, "POST", BASE, body, Map.of("Idempotency-Key", "create-1"))
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", nullValue())
                .extract()
                .jsonPath();
        // A replay is the rule for every create: 409 IDEMPOTENT, the original (with its secret) in result.
        WebhookApi.callWithHeaders(p, "POST", BASE, body, Map.of("Idempotency-Key", "create-1"))
                .then()
                .statusCode(409)
                .header("Idempotent-Replayed", "true")
                .body("code", is("IDEMPOTENT"))
                .body("result.id", is(first.getString("id")))
                .body("result.secret", is(first.getString("secret")))
                .body("result.url", is("http://127.0.0.1:9/hook"));
        WebhookApi.callWithHeaders(
                        p, "POST", BASE, body.replace("9/hook", "10/hook"), Map.of("Idempotency-Key", "create-1"))
                .then()
                .statusCode(422)
                .body("code", is("IDEMPOTENCY_KEY_REUSED"));
        read(p, BASE).then().statusCode(200).body("data.size()", is(1));
    }

    @Test
    void concurrentCreatesWithOneKeyMakeOneEndpoint() throws Exception {
        TestPartners.Partner p = newPartner();
        String body = WebhookApi.json(endpoint("http://127.0.0.1:9/race", "receiveAllEvents", true));
        Map<String, String> key = Map.of("Idempotency-Key", "race-1");
        int racers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        List<Response> answers;
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return WebhookApi.callWithHeaders(p, "POST", BASE, body, key);
                }));
            }
            start.countDown();
            answers = new ArrayList<>();
            for (Future<Response> f : futures) {
                answers.add(f.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        List<Integer> statuses = answers.stream().map(Response::statusCode).toList();
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(racers - 1, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        String id = answers.stream()
                .filter(a -> a.statusCode() == 201)
                .findFirst()
                .orElseThrow()
                .path("id");
        for (Response a : answers) {
            if (a.statusCode() == 409) {
                assertEquals("IDEMPOTENT", a.path("code"));
                assertEquals("true", a.header("Idempotent-Replayed"));
                assertEquals(id, a.path("result.id"));
            }
        }
        read(p, BASE).then().statusCode(200).body("data.size()", is(1)).body("data[0].id", is(id));
        WebhookApi.callWithHeaders(p, "POST", BASE, body.replace("race", "other"), key)
                .then()
                .statusCode(422)
                .body("code", is("IDEMPOTENCY_KEY_REUSED"));
    }

    @Test
    void anEventIsDeliveredSignedWithEveryHeader() throws Exception {
        TestPartners.Partner p = newPartner();
        try (Receiver receiver = Receiver.start()) {
            JsonPath created = register(
                    p,
                    endpoint(
                            receiver.url(),
                            "eventTypes",
                            List.of(EventTypes.ACTION_COMPLETED),
                            "headers",
                            Map.of("X-Partner-Token", "t-1")));
            String secret = created.getString("secret");
            EventEnvelope event = publish(p, EventTypes.ACTION_COMPLETED);

            await().atMost(DELIVERED_WITHIN).until(() -> receiver.requests.size() == 1);
            Receiver.Received r = receiver.requests.get(0);
            assertEquals("POST", r.method());
            assertEquals("/hook", r.path());
            assertEquals("application/json", r.header("Content-Type"));
            assertEquals("SIRGiving-Webhooks/1.0", r.header("User-Agent"));
            assertEquals(event.id(), r.header("X-SIR-Event-Id"));
            assertEquals("1", r.header("X-SIR-Delivery-Attempt"));
            assertEquals("t-1", r.header("X-Partner-Token"));
            String timestamp = r.header("X-SIR-Timestamp");
            assertTrue(timestamp.matches("\\d+"), timestamp);
            assertTrue(Math.abs(Long.parseLong(timestamp) - clock.instant().getEpochSecond()) < 60, timestamp);
            assertEquals(expectedSignature(secret, timestamp, r.body()), r.header("X-SIR-Signature"));

            JsonNode body = EventJson.MAPPER.readTree(r.body());
            assertEquals(Set.of("id", "type", "createdAt", "data"), Set.copyOf(iterable(body.fieldNames())));
            assertEquals(event.id(), body.get("id").asText());
            assertEquals(EventTypes.ACTION_COMPLETED, body.get("type").asText());
            assertEquals(event.occurredAt(), Instant.parse(body.get("createdAt").asText()));
            assertTrue(body.get("createdAt").asText().endsWith("Z"));
            assertEquals(EventJson.MAPPER.readTree(EventJson.write(event.data())), body.get("data"));

            String id = created.getString("id");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                JsonPath d = deliveries(p, id);
                assertEquals(1, d.getInt("total"));
                assertEquals("SUCCEEDED", d.getString("data[0].status"));
                assertEquals(event.id(), d.getString("data[0].eventId"));
                assertEquals(200, d.getInt("data[0].attempts[0].statusCode"));
                assertEquals(1, d.getInt("data[0].attempts[0].attempt"));
                assertEquals("ok", d.getString("data[0].attempts[0].responseExcerpt"));
                assertTrue(d.getLong("data[0].attempts[0].latencyMs") >= 0);
            });
        }
    }

    @Test
    void anActionEventCarriesThePartnersMetadataAsSubmitted() throws Exception {
        TestPartners.Partner p = newPartner();
        JsonNode metadata = EventJson.MAPPER.readTree(
                "{\"orderId\":\"o-42\",\"cart\":{\"items\":[{\"sku\":\"a\",\"qty\":2}],\"gift\":true},\"score\":12.5}");
        try (Receiver receiver = Receiver.start()) {
            register(p, endpoint(receiver.url(), "receiveAllEvents", true));
            EventEnvelope event = WebhookApi.event(p, EventTypes.ACTION_REVERSED, metadata);
            publish(event);

            await().atMost(DELIVERED_WITHIN).until(() -> receiver.countOf(event.id()) == 1);
            JsonNode data =
                    EventJson.MAPPER.readTree(receiver.requests.get(0).body()).get("data");
            assertEquals(metadata, data.get("metadata"));
        }
    }

    @Test
    void onlySubscribedEndpointsOfTheEventsPartnerAndEnvironmentReceiveIt() {
        TestPartners.Partner p = newPartner();
        TestPartners.Partner other = newPartner();
        TestPartners.Partner live =
                TestPartners.issue(p.partnerId(), Environment.PRODUCTION, true, null, "ACTIVE", true, List.of());
        WebhookApi.awaitKnown(live);
        try (Receiver all = Receiver.start();
                Receiver failedOnly = Receiver.start();
                Receiver others = Receiver.start();
                Receiver production = Receiver.start()) {
            register(p, endpoint(all.url(), "receiveAllEvents", true));
            String failedId = register(p, endpoint(failedOnly.url(), "eventTypes", List.of(EventTypes.ACTION_FAILED)))
                    .getString("id");
            String otherId = register(other, endpoint(others.url(), "receiveAllEvents", true))
                    .getString("id");
            String liveId = register(live, endpoint(production.url(), "receiveAllEvents", true))
                    .getString("id");

            EventEnvelope event = publish(p, EventTypes.ACTION_COMPLETED);
            await().atMost(DELIVERED_WITHIN).until(() -> all.countOf(event.id()) == 1);
            // The fan-out of one event is one transaction: once one delivery exists, all of them do.
            assertEquals(0, deliveries(p, failedId).getInt("total"));
            assertEquals(0, deliveries(other, otherId).getInt("total"));
            assertEquals(0, deliveries(live, liveId).getInt("total"));
            assertEquals(0, failedOnly.requests.size() + others.requests.size() + production.requests.size());
            // Nor can anyone see another partner's or environment's endpoint.
            read(other, BASE + "/" + failedId).then().statusCode(404).body("code", is("NOT_FOUND"));
            read(live, BASE + "/" + failedId).then().statusCode(404).body("code", is("NOT_FOUND"));
        }
    }

    @Test
    void donationEventsAreSubscribableAndReachOnlyTheEndpointsThatAskForThem() throws Exception {
        TestPartners.Partner p = newPartner();
        try (Receiver donations = Receiver.start();
                Receiver actionsOnly = Receiver.start()) {
            register(
                    p,
                    endpoint(
                            donations.url(),
                            "eventTypes",
                            List.of(EventTypes.DONATION_COMPLETED, EventTypes.DONATION_FAILED)));
            register(p, endpoint(actionsOnly.url(), "eventTypes", List.of(EventTypes.ACTION_COMPLETED)));

            // As donations-service announces a charge (docs/events/schemas/donation.completed.json).
            EventEnvelope event = EventEnvelope.of(
                    EventTypes.DONATION_COMPLETED,
                    p.partnerId(),
                    Environment.SANDBOX,
                    "corr",
                    new DonationOutcome(
                            "don_0a1b2c3d4e5f60718293a4b5",
                            "COMPLETED",
                            "givedirectly",
                            "org_5f1e0c2b9a8d7c6b5a4f3e2d",
                            2500,
                            "USD",
                            "once",
                            250,
                            "sandbox",
                            1,
                            "sbx_ch_1",
                            "act_9f8e7d6c5b4a39281706f5e4",
                            null));
            publish(event);
            EventEnvelope fence = publish(p, EventTypes.ACTION_COMPLETED);
            await().atMost(DELIVERED_WITHIN).until(() -> donations.countOf(event.id()) == 1);
            await().atMost(DELIVERED_WITHIN).until(() -> actionsOnly.countOf(fence.id()) == 1);
            assertEquals(0, actionsOnly.countOf(event.id()), "an endpoint not subscribed to donations got one");
            assertEquals(0, donations.countOf(fence.id()), "a donations endpoint got an action event");
            JsonNode body = EventJson.MAPPER.readTree(donations.requests.get(0).body());
            assertEquals(EventTypes.DONATION_COMPLETED, body.path("type").asText());
            assertEquals(
                    "don_0a1b2c3d4e5f60718293a4b5",
                    body.path("data").path("partnerDonationId").asText());
            assertEquals(
                    "act_9f8e7d6c5b4a39281706f5e4",
                    body.path("data").path("actionId").asText());
        }
    }

    @Test
    void anUnreadableRecordIsDeadLetteredAndTheEventsAfterItAreStillDelivered() {
        TestPartners.Partner p = newPartner();
        try (Receiver receiver = Receiver.start()) {
            String id = register(p, endpoint(receiver.url(), "receiveAllEvents", true))
                    .getString("id");
            // Same key, so the same partition: the bad record is ahead of the good one and must not hold it up.
            TopicWriter.sendRaw(Topics.REWARD_LIFECYCLE, p.partnerId(), "not an event");
            EventEnvelope after = publish(p, EventTypes.ACTION_COMPLETED);
            await().atMost(DELIVERED_WITHIN).untilAsserted(() -> assertEquals(1, receiver.countOf(after.id())));
            assertEquals(1, deliveries(p, id).getInt("total"));
            assertEquals(
                    1,
                    TopicReader.countRaw(
                            KafkaBrokerResource.bootstrapServers(),
                            Topics.dlq(Topics.REWARD_LIFECYCLE),
                            r -> p.partnerId().equals(r.key()) && "not an event".equals(r.value()),
                            Duration.ofSeconds(2)));
            RestAssured.get("/q/metrics")
                    .then()
                    .body(containsString("sir_dlq_records_total{topic=\"sir.reward-lifecycle.v1\"}"));
        }
    }

    @Test
    void theSameKafkaRecordTwiceIsDeliveredOnce() {
        TestPartners.Partner p = newPartner();
        try (Receiver receiver = Receiver.start()) {
            String id = register(p, endpoint(receiver.url(), "receiveAllEvents", true))
                    .getString("id");
            EventEnvelope event = WebhookApi.event(p, EventTypes.ACTION_COMPLETED);
            publish(event);
            publish(event);
            EventEnvelope fence = publish(p, EventTypes.ACTION_FAILED);
            await().atMost(DELIVERED_WITHIN).untilAsserted(() -> {
                JsonPath d = deliveries(p, id);
                assertEquals(2, d.getInt("total"));
                assertEquals(List.of("SUCCEEDED", "SUCCEEDED"), d.getList("data.status"));
            });
            assertEquals(1, receiver.countOf(event.id()));
            assertEquals(1, receiver.countOf(fence.id()));
        }
    }

    @Test
    void aFailedAttemptIsRetriedOnScheduleWithTheSameBytes() throws Exception {
        TestPartners.Partner p = newPartner();
        try (Receiver receiver = Receiver.start().answering(n -> Receiver.Answer.status(n == 1 ? 500 : 200))) {
            JsonPath created = register(p, endpoint(receiver.url(), "receiveAllEvents", true));
            String id = created.getString("id");
            String secret = created.getString("secret");
            publish(p, EventTypes.ACTION_COMPLETED);

            await().atMost(DELIVERED_WITHIN).untilAsserted(() -> {
                JsonPath d = deliveries(p, id);
                assertEquals("PENDING", d.getString("data[0].status"));
                assertEquals(Integer.valueOf(500), d.get("data[0].attempts[0].statusCode"));
                assertEquals("HTTP 500", d.getString("data[0].lastError"));
            });
            JsonPath pending = deliveries(p, id);
            Duration untilRetry = Duration.between(
                    Instant.parse(pending.getString("data[0].attempts[0].at")),
                    Instant.parse(pending.getString("data[0].nextAttemptAt")));
            assertTrue(
                    untilRetry.compareTo(Duration.ofMillis(4400)) > 0
                            && untilRetry.compareTo(Duration.ofMillis(6500)) < 0,
                    "second attempt ~5 s after the first, was " + untilRetry);
            Thread.sleep(1500);
            assertEquals(1, receiver.requests.size(), "not retried before it is due");

            clock.advance(Duration.ofSeconds(6));
            await().atMost(Duration.ofSeconds(5)).until(() -> receiver.requests.size() == 2);
            Receiver.Received first = receiver.requests.get(0);
            Receiver.Received second = receiver.requests.get(1);
            assertEquals("2", second.header("X-SIR-Delivery-Attempt"));
            assertArrayEquals(first.body(), second.body(), "every attempt sends the stored bytes");
            assertNotEquals(first.header("X-SIR-Timestamp"), second.header("X-SIR-Timestamp"));
            assertEquals(
                    expectedSignature(secret, second.header("X-SIR-Timestamp"), second.body()),
                    second.header("X-SIR-Signature"));
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> read(p, BASE + "/" + id + "/deliveries")
                            .then()
                            .statusCode(200)
                            .body("data[0].status", is("SUCCEEDED"))
                            .body("data[0].attemptCount", is(2))
                            .body("data[0].attempts.attempt", contains(1, 2))
                            .body("data[0].attempts.statusCode", contains(500, 200)));
        }
    }

    @Test
    void goneDisablesTheEndpointAndRedeliveryWorksOnceReenabled() {
        TestPartners.Partner p = newPartner();
        try (Receiver receiver = Receiver.start().answering(n -> Receiver.Answer.status(n == 1 ? 410 : 200))) {
            String id = register(p, endpoint(receiver.url(), "receiveAllEvents", true))
                    .getString("id");
            EventEnvelope event = publish(p, EventTypes.ACTION_COMPLETED);

            await().atMost(DELIVERED_WITHIN)
                    .untilAsserted(() -> read(p, BASE + "/" + id)
                            .then()
                            .statusCode(200)
                            .body("isActive", is(false))
                            .body("disabledReason", containsString("410")));
            JsonPath d = deliveries(p, id);
            assertEquals("FAILED", d.getString("data[0].status"));
            assertEquals(410, d.getInt("data[0].attempts[0].statusCode"));
            String deliveryId = d.getString("data[0].id");

            call(p, "POST", BASE + "/deliveries/" + deliveryId + "/redeliver", null)
                    .then()
                    .statusCode(409)
                    .body("code", is("CONFLICT"));
            call(p, "POST", BASE + "/" + id + "/test", null)
                    .then()
                    .statusCode(409)
                    .body("code", is("CONFLICT"));
            call(p, "PATCH", BASE + "/" + id, Map.of("isActive", true))
                    .then()
                    .statusCode(200)
                    .body("isActive", is(true))
                    .body("$", not(hasKey("disabledReason")));
            call(p, "POST", BASE + "/deliveries/" + deliveryId + "/redeliver", null)
                    .then()
                    .statusCode(202)
                    .body("id", is(deliveryId))
                    .body("status", is("PENDING"));
            await().atMost(DELIVERED_WITHIN)
                    .untilAsserted(() -> read(p, BASE + "/" + id + "/deliveries")
                            .then()
                            .statusCode(200)
                            .body("data[0].status", is("SUCCEEDED"))
                            .body("data[0].attempts.statusCode", contains(410, 200)));
            assertEquals(2, receiver.countOf(event.id()));
            call(p, "POST", BASE + "/deliveries/" + deliveryId + "/redeliver", null)
                    .then()
                    .statusCode(409);
        }
    }

    @Test
    void aHangingEndpointDoesNotDelayAnotherPartnersEndpoint() {
        TestPartners.Partner slow = newPartner();
        TestPartners.Partner healthy = newPartner();
        try (Receiver hanging = Receiver.start().answering(n -> Receiver.Answer.hanging());
                Receiver fine = Receiver.start()) {
            String slowId = register(slow, endpoint(hanging.url(), "receiveAllEvents", true))
                    .getString("id");
            register(healthy, endpoint(fine.url(), "receiveAllEvents", true));
            for (int i = 0; i < 6; i++) {
                publish(slow, EventTypes.ACTION_COMPLETED);
            }
            // Its in-flight limit (4) is reached and held.
            await().atMost(DELIVERED_WITHIN).until(() -> hanging.requests.size() == 4);

            EventEnvelope event = publish(healthy, EventTypes.ACTION_COMPLETED);
            long published = System.nanoTime();
            await().atMost(Duration.ofSeconds(3))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> fine.countOf(event.id()) == 1);
            long tookMs = (System.nanoTime() - published) / 1_000_000;
            assertTrue(tookMs < 3000, "took " + tookMs + " ms");
            assertEquals(4, hanging.requests.size(), "never more than 4 sends in flight to one endpoint");

            hanging.release();
            await().atMost(DELIVERED_WITHIN).untilAsserted(() -> {
                JsonPath d = deliveries(slow, slowId);
                assertEquals(6, d.getInt("total"));
                assertEquals(
                        6,
                        d.getList("data.status").stream()
                                .filter("SUCCEEDED"::equals)
                                .count());
            });
        }
    }

    @Test
    void endpointsCanBeChangedTestedAndDeleted() {
        TestPartners.Partner p = newPartner();
        try (Receiver receiver = Receiver.start()) {
            String id = register(p, endpoint(receiver.url(), "eventTypes", List.of(EventTypes.ACTION_COMPLETED)))
                    .getString("id");
            call(
                            p,
                            "PATCH",
                            BASE + "/" + id,
                            Map.of(
                                    "description",
                                    "refunds",
                                    "eventTypes",
                                    List.of(EventTypes.ACTION_REVERSED, EventTypes.ACTION_FAILED),
                                    "headers",
                                    Map.of("X-Env", "qa")))
                    .then()
                    .statusCode(200)
                    .body("description", is("refunds"))
                    .body("eventTypes", contains(EventTypes.ACTION_REVERSED, EventTypes.ACTION_FAILED))
                    .body("headers.X-Env", is("qa"))
                    .body("url", is(receiver.url()));
            call(p, "PATCH", BASE + "/" + id, Map.of("eventTypes", List.of()))
                    .then()
                    .statusCode(400)
                    .body("code", is("VALIDATION_FAILED"))
                    .body("details[0].field", is("eventTypes"));
            call(p, "PATCH", BASE + "/" + id, Map.of("isActive", false))
                    .then()
                    .statusCode(200)
                    .body("isActive", is(false))
                    .body("disabledReason", is("Disabled by the partner"));
            call(p, "PATCH", BASE + "/" + id, Map.of("isActive", true))
                    .then()
                    .statusCode(200)
                    .body("isActive", is(true));

            String eventId = call(p, "POST", BASE + "/" + id + "/test", null)
                    .then()
                    .statusCode(202)
                    .body("eventType", is("webhook.test"))
                    .body("status", is("PENDING"))
                    .extract()
                    .path("eventId");
            await().atMost(DELIVERED_WITHIN).until(() -> receiver.countOf(eventId) == 1);
            Receiver.Received test = receiver.requests.get(0);
            assertTrue(test.text().contains("\"type\":\"webhook.test\""), test.text());
            assertEquals("qa", test.header("X-Env"));

            call(p, "DELETE", BASE + "/" + id, null).then().statusCode(204);
            read(p, BASE + "/" + id).then().statusCode(404).body("code", is("NOT_FOUND"));
            read(p, BASE + "/" + id + "/deliveries").then().statusCode(404);
            read(p, BASE).then().statusCode(200).body("data.size()", is(0));
        }
    }

    @Test
    void invalidRequestsAreAnsweredInTheContractFormat() {
        TestPartners.Partner p = newPartner();
        Map<String, String> badHeaders = new LinkedHashMap<>();
        badHeaders.put("X-SIR-Signature", "forged");
        badHeaders.put("User-Agent", "me");
        badHeaders.put("webhook-signature", "v1,forged");
        badHeaders.put("bad name", "x");
        badHeaders.put("X-Ok", "line\r\nX-Injected: 1");
        call(
                        p,
                        "POST",
                        BASE,
                        endpoint(
                                "ftp://example.com/hook",
                                "eventTypes",
                                List.of("action.completed", "action.exploded"),
                                "headers",
                                badHeaders))
                .then()
                .statusCode(400)
                .body("statusCode", is(400))
                .body("code", is("VALIDATION_FAILED"))
                .body("requestId", notNullValue())
                .body(
                        "details.field",
                        hasItems(
                                "url",
                                "eventTypes[1]",
                                "headers[X-SIR-Signature]",
                                "headers[User-Agent]",
                                "headers[webhook-signature]",
                                "headers[bad name]",
                                "headers[X-Ok]"));
        call(p, "POST", BASE, Map.of("description", "nothing"))
                .then()
                .statusCode(400)
                .body("details.field", hasItems("url", "eventTypes"));
        call(p, "POST", BASE, endpoint("https://example.com/" + "x".repeat(2048), "receiveAllEvents", true))
                .then()
                .statusCode(400)
                .body("details.field", hasItems("url"));
        Map<String, String> eleven = new LinkedHashMap<>();
        for (int i = 0; i < 11; i++) {
            eleven.put("X-H" + i, "v");
        }
        call(p, "POST", BASE, endpoint("http://127.0.0.1:9/hook", "receiveAllEvents", true, "headers", eleven))
                .then()
                .statusCode(400)
                .body("details.field", hasItems("headers"));
        call(p, "POST", BASE, "{\"url\":").then().statusCode(400).body("code", is("INVALID_JSON"));
        SignedRequests.send(
                        p.keys(),
                        false,
                        "POST",
                        BASE,
                        WebhookApi.json(endpoint("http://127.0.0.1:9/hook", "receiveAllEvents", true)))
                .then()
                .statusCode(403)
                .body("code", is("SECRET_KEY_REQUIRED"));
        read(p, BASE + "/whk_000000000000000000000000/deliveries?limit=500")
                .then()
                .statusCode(400)
                .body("details[0].field", is("limit"));
        read(p, BASE + "/whk_000000000000000000000000").then().statusCode(404).body("code", is("NOT_FOUND"));

        // Another partner's objects do not exist for this one.
        TestPartners.Partner other = newPartner();
        String id = register(p, endpoint("http://127.0.0.1:9/hook", "receiveAllEvents", true))
                .getString("id");
        call(other, "PATCH", BASE + "/" + id, Map.of("isActive", false)).then().statusCode(404);
        call(other, "DELETE", BASE + "/" + id, null).then().statusCode(404);
        call(other, "POST", BASE + "/" + id + "/rotate-secret", null).then().statusCode(404);
        call(other, "POST", BASE + "/" + id + "/test", null).then().statusCode(404);
        read(other, BASE + "/" + id + "/deliveries").then().statusCode(404);
        String deliveryId = call(p, "POST", BASE + "/" + id + "/test", null)
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        call(other, "POST", BASE + "/deliveries/" + deliveryId + "/redeliver", null)
                .then()
                .statusCode(404)
                .body("code", is("NOT_FOUND"))
                .body("details", nullValue());
    }

    private static <T> List<T> iterable(Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
