package org.sirgiving.webhooks;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.sirgiving.webhooks.WebhookApi.endpoint;
import static org.sirgiving.webhooks.WebhookApi.event;
import static org.sirgiving.webhooks.WebhookApi.newPartner;
import static org.sirgiving.webhooks.WebhookApi.register;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.Topics;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.PostgresDatabaseResource;
import org.sirgiving.testinfra.TestPartners;
import org.sirgiving.testinfra.TestSpans;
import org.sirgiving.testinfra.TopicWriter;
import org.sirgiving.testinfra.TracedProfile;
import org.sirgiving.webhooks.service.AttemptSpans;

/**
 * webhook-dispatcher's hop of a trace: the lifecycle event's record carries the trace of the action it announces; the
 * delivery is queued in a consumer span of that trace, and every attempt, the retries made seconds or hours later
 * too, is a span of it, a child of that consumer span. The partner's endpoint sees none of our trace headers.
 */
@QuarkusTest
@TestProfile(TracedProfile.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
class DeliveryTracesTest {

    @Test
    void everyAttemptOfADeliveryIsASpanOfTheEventsTrace() {
        TestPartners.Partner p = newPartner();
        try (Receiver receiver = Receiver.start().answering(n -> Receiver.Answer.status(n == 1 ? 500 : 200))) {
            register(p, endpoint(receiver.url(), "receiveAllEvents", true));
            EventEnvelope e = event(p, EventTypes.ACTION_COMPLETED);
            TestSpans.Parent upstream = TestSpans.Parent.random();
            TopicWriter.send(Topics.REWARD_LIFECYCLE, p.partnerId(), e, Map.of("traceparent", upstream.traceparent()));

            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.countOf(e.id()) == 2);
            SpanData consumed =
                    TestSpans.await(upstream.traceId(), "process " + Topics.REWARD_LIFECYCLE, SpanKind.CONSUMER);
            assertEquals(upstream.spanId(), consumed.getParentSpanId());
            List<SpanData> attempts = await().atMost(Duration.ofSeconds(10))
                    .until(() -> attempts(upstream.traceId()), a -> a.size() == 2);

            SpanData first = attempts.get(0);
            SpanData second = attempts.get(1);
            assertEquals(consumed.getSpanId(), first.getParentSpanId(), "attempt 1 is a child of the queueing");
            assertEquals(consumed.getSpanId(), second.getParentSpanId(), "the retry too, made from no record");
            assertEquals(StatusCode.ERROR, first.getStatus().getStatusCode());
            assertEquals(500L, first.getAttributes().get(AttemptSpans.STATUS));
            assertEquals(200L, second.getAttributes().get(AttemptSpans.STATUS));
            assertNotEquals(StatusCode.ERROR, second.getStatus().getStatusCode());
            assertEquals(e.id(), second.getAttributes().get(AttemptSpans.EVENT_ID));
            for (Receiver.Received r : receiver.requests) {
                assertNull(r.header("traceparent"), "our trace context is not sent to partners");
            }
        }
    }

    private static List<SpanData> attempts(String traceId) {
        return TestSpans.inTrace(traceId).stream()
                .filter(s -> s.getName().equals("webhook attempt") && s.getKind() == SpanKind.CLIENT)
                .sorted(Comparator.comparing(s -> s.getAttributes().get(AttemptSpans.ATTEMPT)))
                .toList();
    }
}
