package org.sirgiving.webhooks;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sirgiving.events.ActionType;
import org.sirgiving.events.Environment;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventJson;
import org.sirgiving.events.Topics;
import org.sirgiving.events.payload.ActionOutcome;
import org.sirgiving.events.payload.OutcomeStatus;
import org.sirgiving.testinfra.SignedRequests;
import org.sirgiving.testinfra.TestPartners;
import org.sirgiving.testinfra.TopicWriter;

/** What the tests do as a partner: signed calls to the webhook endpoints, and events as rewards-service emits them. */
final class WebhookApi {
    static final String BASE = "/v1/partner/webhooks";

    /** A new sandbox partner, once this service has its key (it arrives on the credentials topic). */
    static TestPartners.Partner newPartner() {
        TestPartners.Partner p = TestPartners.sandbox();
        awaitKnown(p);
        return p;
    }

    static void awaitKnown(TestPartners.Partner p) {
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(100))
                .until(() ->
                        SignedRequests.send(p.keys(), false, "GET", BASE, null).statusCode() == 200);
    }

    static String json(Object value) {
        return EventJson.write(value);
    }

    static Map<String, Object> endpoint(String url, Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", url);
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    static Response call(TestPartners.Partner p, String method, String path, Object body) {
        return SignedRequests.send(
                p.keys(), true, method, path, body == null ? null : body instanceof String s ? s : json(body));
    }

    static Response read(TestPartners.Partner p, String path) {
        return SignedRequests.send(p.keys(), false, "GET", path, null);
    }

    /** A signed request with extra (unsigned) headers, e.g. Idempotency-Key. */
    static Response callWithHeaders(
            TestPartners.Partner p, String method, String path, String body, Map<String, String> headers) {
        return SignedRequests.send(p.keys(), true, method, path, body, headers);
    }

    /** Registers an endpoint; returns the create response. */
    static JsonPath register(TestPartners.Partner p, Map<String, Object> body) {
        return call(p, "POST", BASE, body).then().statusCode(201).extract().jsonPath();
    }

    static JsonPath deliveries(TestPartners.Partner p, String endpointId) {
        return read(p, BASE + "/" + endpointId + "/deliveries?page=1&limit=100")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    static EventEnvelope event(TestPartners.Partner p, String type) {
        return event(p, type, null);
    }

    /** An action's outcome as rewards-service announces it, with the partner's metadata (or none). */
    static EventEnvelope event(TestPartners.Partner p, String type, JsonNode metadata) {
        return EventEnvelope.of(
                type,
                p.partnerId(),
                Environment.SANDBOX,
                "corr",
                new ActionOutcome(
                        "act_" + System.nanoTime(),
                        "key-1",
                        ActionType.PURCHASE,
                        OutcomeStatus.COMPLETED,
                        50,
                        List.of("txn_1"),
                        null,
                        null,
                        1,
                        metadata));
    }

    static EventEnvelope publish(TestPartners.Partner p, String type) {
        EventEnvelope e = event(p, type);
        publish(e);
        return e;
    }

    static void publish(EventEnvelope e) {
        TopicWriter.send(Topics.REWARD_LIFECYCLE, e.partnerId(), e);
    }

    private WebhookApi() {}
}
