package org.sirgiving.webhooks;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.sirgiving.webhooks.WebhookApi.BASE;
import static org.sirgiving.webhooks.WebhookApi.call;
import static org.sirgiving.webhooks.WebhookApi.endpoint;
import static org.sirgiving.webhooks.WebhookApi.read;
import static org.sirgiving.webhooks.WebhookApi.register;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sirgiving.events.ActionType;
import org.sirgiving.events.Environment;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.Topics;
import org.sirgiving.events.payload.ActionOutcome;
import org.sirgiving.events.payload.OutcomeStatus;
import org.sirgiving.events.payload.ProductionApproved;
import org.sirgiving.kernel.crypto.Crypto;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.PostgresDatabaseResource;
import org.sirgiving.testinfra.TestPartners;
import org.sirgiving.testinfra.TopicWriter;
import org.sirgiving.webhooks.domain.WebhookEventTypes;

/**
 * An approved production request sets up the production endpoint at the URL it named (docs/partner-api.md sections 2
 * and 6): once, however often the approval arrives; its secret is revealed to the partner once.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
class ProductionEndpointsTest {
    static final Duration WAIT = Duration.ofSeconds(15);

    /** A partner with a live key this service knows. */
    static TestPartners.Partner livePartner() {
        TestPartners.Partner p = TestPartners.issue(
                "ptn_" + Crypto.randomHex(12), Environment.PRODUCTION, true, null, "ACTIVE", true, List.of());
        WebhookApi.awaitKnown(p);
        return p;
    }

    /** As keys-service announces it: one decision, one event id. */
    static EventEnvelope approval(TestPartners.Partner p, String webhookUrl) {
        String requestId = "preq_" + Crypto.randomHex(12);
        return EventEnvelope.decided(
                requestId,
                EventTypes.PARTNER_PRODUCTION_APPROVED,
                p.partnerId(),
                Environment.PRODUCTION,
                "req_test",
                new ProductionApproved(requestId, 1000, webhookUrl, "ops-alice", Instant.now()));
    }

    static List<Map<String, Object>> endpoints(TestPartners.Partner p) {
        Response r = read(p, BASE);
        JsonPath json = r.then().statusCode(200).extract().jsonPath();
        // The list's shape aside: a bare array or a {data} page.
        return r.asString().trim().startsWith("[") ? json.getList("$") : json.getList("data");
    }

    /**
     * Sends {@code approvals} and then a marker approval behind them in the same partition (same record key): once
     * the marker's endpoint exists, every approval before it was processed.
     */
    static void deliverAll(TestPartners.Partner p, EventEnvelope... approvals) {
        for (EventEnvelope e : approvals) {
            TopicWriter.send(Topics.PARTNERS, p.partnerId(), e);
        }
        TestPartners.Partner marker = livePartner();
        TopicWriter.send(Topics.PARTNERS, p.partnerId(), approval(marker, "https://marker.example/hooks"));
        await().atMost(WAIT).until(() -> endpoints(marker).size() == 1);
    }

    @Test
    void anApprovalDeliveredTwiceSetsUpOneEndpointWhoseSecretIsRevealedOnceAndSigns() throws Exception {
        TestPartners.Partner p = livePartner();
        try (Receiver receiver = Receiver.start()) {
            EventEnvelope approved = approval(p, receiver.url());
            deliverAll(p, approved, approved);

            List<Map<String, Object>> list = endpoints(p);
            assertEquals(1, list.size(), "one endpoint per approval");
            Map<String, Object> e = list.get(0);
            String id = (String) e.get("id");
            assertEquals(receiver.url(), e.get("url"));
            assertEquals(true, e.get("isActive"));
            assertEquals(false, e.get("secretRevealed"));
            assertEquals(false, e.get("receiveAllEvents"));
            assertEquals(WebhookEventTypes.SUBSCRIBABLE, e.get("eventTypes"));
            assertFalse(e.containsKey("secret"));

            String secret = call(p, "POST", BASE + "/" + id + "/reveal-secret", null)
                    .then()
                    .statusCode(200)
                    .body("id", is(id))
                    .body("secret", matchesPattern("whsec_[0-9a-f]{64}"))
                    .extract()
                    .path("secret");
            // A second later: the same request in the same second would be an exact replay, not a new call.
            Thread.sleep(1100);
            call(p, "POST", BASE + "/" + id + "/reveal-secret", null)
                    .then()
                    .statusCode(409)
                    .body("code", is("CONFLICT"))
                    .body("$", not(hasKey("secret")))
                    .body("message", containsString("rotate-secret"));
            read(p, BASE + "/" + id).then().statusCode(200).body("secretRevealed", is(true));

            // The revealed secret is the one the production events are signed with.
            EventEnvelope event = EventEnvelope.of(
                    EventTypes.ACTION_COMPLETED,
                    p.partnerId(),
                    Environment.PRODUCTION,
                    "corr",
                    new ActionOutcome(
                            "act_" + Crypto.randomHex(12),
                            "key-1",
                            ActionType.PURCHASE,
                            OutcomeStatus.COMPLETED,
                            50,
                            List.of("txn_1"),
                            null,
                            null,
                            1,
                            null));
            TopicWriter.send(Topics.REWARD_LIFECYCLE, p.partnerId(), event);
            await().atMost(WAIT).until(() -> receiver.requests.size() == 1);
            Receiver.Received r = receiver.requests.get(0);
            assertEquals(event.id(), r.header("X-SIR-Event-Id"));
            assertEquals(
                    WebhooksTest.expectedSignature(secret, r.header("X-SIR-Timestamp"), r.body()),
                    r.header("X-SIR-Signature"));
        }
    }

    @Test
    void aSecretShownAtCreationIsNotRevealedAgain() {
        TestPartners.Partner p = WebhookApi.newPartner();
        String id = register(p, endpoint("http://127.0.0.1:9/hook", "receiveAllEvents", true))
                .getString("id");
        read(p, BASE + "/" + id).then().statusCode(200).body("secretRevealed", is(true));
        call(p, "POST", BASE + "/" + id + "/reveal-secret", null)
                .then()
                .statusCode(409)
                .body("code", is("CONFLICT"));
        call(p, "POST", BASE + "/whk_000000000000000000000000/reveal-secret", null)
                .then()
                .statusCode(404);
    }

    @Test
    void aRefusedUrlDoesNotUndoTheApprovalTheEndpointIsInactiveAndSaysWhy() {
        TestPartners.Partner p = livePartner();
        deliverAll(p, approval(p, "https://user:pw@shop.example/hooks"));
        List<Map<String, Object>> list = endpoints(p);
        assertEquals(1, list.size());
        assertEquals(false, list.get(0).get("isActive"));
        String why = (String) list.get(0).get("disabledReason");
        assertEquals(
                "The webhook URL of the production request was refused when it was approved: the URL must not contain"
                        + " credentials; use headers for an Authorization header",
                why);
    }

    @Test
    void anApprovalWithoutAWebhookUrlSetsUpNoEndpoint() {
        TestPartners.Partner p = livePartner();
        deliverAll(p, approval(p, null));
        assertEquals(0, endpoints(p).size());
    }
}
