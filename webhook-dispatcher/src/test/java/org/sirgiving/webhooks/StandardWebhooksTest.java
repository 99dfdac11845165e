package org.sirgiving.webhooks;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sirgiving.webhooks.WebhookApi.BASE;
import static org.sirgiving.webhooks.WebhookApi.call;
import static org.sirgiving.webhooks.WebhookApi.endpoint;
import static org.sirgiving.webhooks.WebhookApi.newPartner;
import static org.sirgiving.webhooks.WebhookApi.publish;
import static org.sirgiving.webhooks.WebhookApi.read;
import static org.sirgiving.webhooks.WebhookApi.register;
import static org.sirgiving.webhooks.WebhooksTest.expectedSignature;

import com.sun.net.httpserver.Headers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventTypes;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.PostgresDatabaseResource;
import org.sirgiving.testinfra.TestPartners;
import org.sirgiving.webhooks.StandardWebhooksLibrary.Case;
import org.sirgiving.webhooks.StandardWebhooksLibrary.Verdict;

/**
 * Deliveries verifiable with an off-the-shelf Standard Webhooks library (docs/partner-api.md "Verifying with a
 * Standard Webhooks library") and secret rotation's overlap ("Secret rotation"): real deliveries to a real local
 * receiver, checked by the partner's arithmetic and by the standardwebhooks npm package.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
class StandardWebhooksTest {
    private static final Duration DELIVERED_WITHIN = Duration.ofSeconds(15);
    private static final Duration OVERLAP = Duration.ofHours(24);

    @Inject
    MutableClock clock;

    private Duration moved = Duration.ZERO;

    @AfterEach
    void clockBack() {
        clock.advance(moved.negated());
        moved = Duration.ZERO;
    }

    /** The partner's side of Standard Webhooks: base64 HMAC-SHA256, key = base64-decoded part after whsec_. */
    static String expectedStandardSignature(String secret, String id, String timestamp, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    }

    @Test
    void everyAttemptCarriesTheStandardWebhooksHeadersBesideOursWithTheEventIdAsWebhookId() throws Exception {
        TestPartners.Partner p = newPartner();
        try (Receiver receiver = Receiver.start().answering(n -> Receiver.Answer.status(n == 1 ? 500 : 200))) {
            String secret = register(p, endpoint(receiver.url(), "receiveAllEvents", true))
                    .getString("secret");
            EventEnvelope event = publish(p, EventTypes.ACTION_COMPLETED);

            await().atMost(DELIVERED_WITHIN).until(() -> receiver.requests.size() == 1);
            // The retry of the failed first attempt: due ~5 s later.
            move(Duration.ofSeconds(6));
            await().atMost(DELIVERED_WITHIN).until(() -> receiver.requests.size() == 2);

            for (Receiver.Received r : receiver.requests) {
                String timestamp = r.header("X-SIR-Timestamp");
                assertEquals(event.id(), r.header("webhook-id"), "the event id, on every attempt");
                assertEquals(timestamp, r.header("webhook-timestamp"));
                assertEquals(
                        expectedStandardSignature(secret, event.id(), timestamp, r.body()),
                        r.header("webhook-signature"));
                // Ours unchanged: exactly one signature outside a rotation's overlap.
                assertEquals(expectedSignature(secret, timestamp, r.body()), r.header("X-SIR-Signature"));
                assertEquals(event.id(), r.header("X-SIR-Event-Id"));
            }
            assertEquals("2", receiver.requests.get(1).header("X-SIR-Delivery-Attempt"));
            assertNotEquals(
                    receiver.requests.get(0).header("webhook-timestamp"),
                    receiver.requests.get(1).header("webhook-timestamp"),
                    "each attempt signs its own time");
        }
    }

    @Test
    void theStandardWebhooksLibraryVerifiesARealDeliveryAndRejectsATamperedOne() {
        TestPartners.Partner p = newPartner();
        try (Receiver receiver = Receiver.start()) {
            String secret = register(p, endpoint(receiver.url(), "receiveAllEvents", true))
                    .getString("secret");
            publish(p, EventTypes.ACTION_COMPLETED);
            await().atMost(DELIVERED_WITHIN).until(() -> receiver.requests.size() == 1);
            Receiver.Received real = receiver.requests.get(0);

            byte[] body = real.body().clone();
            // One digit of tokensDistributed, or any other byte, changed on the way.
            int at = real.text().indexOf("\"tokensDistributed\":") + "\"tokensDistributed\":".length();
            body[at] = (byte) (body[at] == '9' ? '8' : body[at] + 1);
            Receiver.Received tamperedBody = new Receiver.Received(real.method(), real.path(), real.headers(), body);
            Receiver.Received otherId = withHeader(real, "webhook-id", "evt_other");
            Receiver.Received laterTimestamp = withHeader(
                    real, "webhook-timestamp", Long.toString(Long.parseLong(real.header("webhook-timestamp")) + 1));

            Instant now = clock.instant();
            List<Verdict> verdicts = StandardWebhooksLibrary.verifyAll(List.of(
                    new Case(secret, real, now),
                    new Case(secret, tamperedBody, now),
                    new Case(secret, otherId, now),
                    new Case(secret, laterTimestamp, now),
                    new Case("whsec_" + "0".repeat(64), real, now),
                    // Standard Webhooks receivers refuse a timestamp more than 5 minutes off their clock.
                    new Case(secret, real, now.plus(Duration.ofMinutes(6)))));
            assertEquals(new Verdict(true, null), verdicts.get(0), "the real delivery, as received");
            for (int i = 1; i < 5; i++) {
                assertEquals(
                        new Verdict(false, "WebhookVerificationError: No matching signature found"),
                        verdicts.get(i),
                        "case " + i);
            }
            assertEquals(new Verdict(false, "WebhookVerificationError: Message timestamp too old"), verdicts.get(5));
        }
    }

    @Test
    void duringTheOverlapBothSecretsSignAndAReceiverWithOnlyTheOldOneStillVerifiesAfterItOnlyTheNewSigns()
            throws Exception {
        TestPartners.Partner p = newPartner();
        try (Receiver receiver = Receiver.start()) {
            JsonPath created = register(p, endpoint(receiver.url(), "receiveAllEvents", true));
            String id = created.getString("id");
            String old = created.getString("secret");
            Instant before = clock.instant();
            JsonPath rotated = call(p, "POST", BASE + "/" + id + "/rotate-secret", null)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            Instant after = clock.instant();
            String current = rotated.getString("secret");
            Instant expires = Instant.parse(rotated.getString("previousSecretExpiresAt"));
            assertFalse(expires.isBefore(before.plus(OVERLAP)) || expires.isAfter(after.plus(OVERLAP)), "" + expires);
            assertFalse(rotated.prettify().contains(old), "the rotation answer never shows the replaced secret");

            // Within the overlap: both, the new one first.
            Receiver.Received during = deliver(p, receiver);
            String ts = during.header("webhook-timestamp");
            String eventId = during.header("webhook-id");
            assertEquals(
                    expectedSignature(current, ts, during.body()) + " " + expectedSignature(old, ts, during.body()),
                    during.header("X-SIR-Signature"));
            assertEquals(
                    expectedStandardSignature(current, eventId, ts, during.body()) + " "
                            + expectedStandardSignature(old, eventId, ts, during.body()),
                    during.header("webhook-signature"));
            Instant now = clock.instant();
            assertEquals(
                    List.of(new Verdict(true, null), new Verdict(true, null)),
                    StandardWebhooksLibrary.verifyAll(
                            List.of(new Case(current, during, now), new Case(old, during, now))),
                    "a receiver holding the new secret, and one still holding only the old one");

            // A minute before the overlap ends, still both.
            move(Duration.between(clock.instant(), expires.minus(Duration.ofMinutes(1))));
            Receiver.Received lastMinute = deliver(p, receiver);
            assertEquals(2, lastMinute.header("X-SIR-Signature").split(" ").length);
            assertEquals(2, lastMinute.header("webhook-signature").split(" ").length);

            // After it, only the new secret signs: exactly one signature, as outside any rotation.
            move(Duration.ofMinutes(2));
            Receiver.Received expired = deliver(p, receiver);
            ts = expired.header("webhook-timestamp");
            eventId = expired.header("webhook-id");
            assertEquals(expectedSignature(current, ts, expired.body()), expired.header("X-SIR-Signature"));
            assertEquals(
                    expectedStandardSignature(current, eventId, ts, expired.body()),
                    expired.header("webhook-signature"));
            now = clock.instant();
            assertEquals(
                    List.of(
                            new Verdict(true, null),
                            new Verdict(false, "WebhookVerificationError: No matching signature found")),
                    StandardWebhooksLibrary.verifyAll(
                            List.of(new Case(current, expired, now), new Case(old, expired, now))));
        }
    }

    @Test
    void aSecondRotationWithinTheOverlapKeepsOnlyTheSecretItReplaced() throws Exception {
        TestPartners.Partner p = newPartner();
        try (Receiver receiver = Receiver.start()) {
            JsonPath created = register(p, endpoint(receiver.url(), "receiveAllEvents", true));
            String id = created.getString("id");
            String first = created.getString("secret");
            String rotate = BASE + "/" + id + "/rotate-secret";
            JsonPath once = call(p, "POST", rotate, null)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            JsonPath twice = call(p, "POST", rotate, null)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            String second = once.getString("secret");
            String third = twice.getString("secret");
            assertFalse(Instant.parse(twice.getString("previousSecretExpiresAt"))
                    .isBefore(Instant.parse(once.getString("previousSecretExpiresAt"))));

            Receiver.Received r = deliver(p, receiver);
            String ts = r.header("X-SIR-Timestamp");
            assertEquals(
                    expectedSignature(third, ts, r.body()) + " " + expectedSignature(second, ts, r.body()),
                    r.header("X-SIR-Signature"));
            assertEquals(
                    List.of(
                            new Verdict(true, null),
                            new Verdict(true, null),
                            new Verdict(false, "WebhookVerificationError: No matching signature found")),
                    StandardWebhooksLibrary.verifyAll(List.of(
                            new Case(third, r, clock.instant()),
                            new Case(second, r, clock.instant()),
                            new Case(first, r, clock.instant()))),
                    "the first secret stopped signing at the second rotation");

            // Neither the list nor the endpoint shows a secret or the replaced one.
            for (String body : List.of(
                    read(p, BASE).then().statusCode(200).extract().asString(),
                    read(p, BASE + "/" + id)
                            .then()
                            .statusCode(200)
                            .body("$", not(hasKey("secret")))
                            .extract()
                            .asString())) {
                for (String secret : List.of(first, second, third)) {
                    assertFalse(body.contains(secret), body);
                }
            }
        }
    }

    @Test
    void aNewEndpointsAnswerHasNoPreviousSecret() {
        TestPartners.Partner p = newPartner();
        call(p, "POST", BASE, endpoint("http://127.0.0.1:9/hook", "receiveAllEvents", true))
                .then()
                .statusCode(201)
                .body("$", not(hasKey("previousSecretExpiresAt")));
    }

    /** Queues an event to the receiver's endpoint and returns its (first) delivery there. */
    private static Receiver.Received deliver(TestPartners.Partner p, Receiver receiver) {
        EventEnvelope event = publish(p, EventTypes.ACTION_COMPLETED);
        await().atMost(DELIVERED_WITHIN).until(() -> receiver.countOf(event.id()) == 1);
        Receiver.Received r = receiver.requests.stream()
                .filter(q -> event.id().equals(q.header("webhook-id")))
                .findFirst()
                .orElseThrow();
        assertTrue(r.header("webhook-signature").startsWith("v1,"), r.header("webhook-signature"));
        return r;
    }

    private static Receiver.Received withHeader(Receiver.Received r, String name, String value) {
        Headers copy = new Headers();
        copy.putAll(r.headers());
        copy.set(name, value);
        return new Receiver.Received(r.method(), r.path(), copy, r.body());
    }

    private void move(Duration by) {
        clock.advance(by);
        moved = moved.plus(by);
    }
}
