package org.sirgiving.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.Topics;
import org.sirgiving.kernel.http.RequestIds;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.PostgresDatabaseResource;
import org.sirgiving.testinfra.SignedRequests;
import org.sirgiving.testinfra.TestPartners;
import org.sirgiving.testinfra.TestSpans;
import org.sirgiving.testinfra.TopicReader;
import org.sirgiving.testinfra.TracedProfile;

/**
 * actions-service's hop of a trace: a submit continues the caller's trace (the gateway passes {@code traceparent}
 * on), its server span carries the request id, and the {@code action.submitted} record, published by the outbox relay
 * after the commit and from no request, is a child of that server span and carries the trace to rewards-service.
 */
@QuarkusTest
@TestProfile(TracedProfile.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
class SubmitTracesTest {
    private static FakeRewardsService rewards;

    @BeforeAll
    static void start() {
        rewards = new FakeRewardsService();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        rewards.close();
    }

    @Test
    void theSubmittedActionsRecordIsPublishedInTheTraceOfTheRequest() {
        TestPartners.Partner partner = TestPartners.sandbox();
        TestSpans.Parent caller = TestSpans.Parent.random();
        String requestId = "req_traced_" + UUID.randomUUID().toString().replace("-", "");
        String key = "traced_" + UUID.randomUUID();
        String actionId = SignedRequests.send(
                        partner.keys(),
                        true,
                        "POST",
                        "/v1/partner/actions/submit",
                        SubmitActionTest.body(key, "5"),
                        Map.of("traceparent", caller.traceparent(), RequestIds.HEADER, requestId))
                .then()
                .statusCode(200)
                .extract()
                .path("actionId");

        ConsumerRecord<String, String> submitted = TopicReader.awaitRecord(
                KafkaBrokerResource.bootstrapServers(),
                Topics.ACTIONS,
                e -> e.type().equals(EventTypes.ACTION_SUBMITTED)
                        && actionId.equals(e.data().path("actionId").asText()),
                Duration.ofSeconds(20));
        String traceparent = TestSpans.traceparent(submitted);
        assertEquals(caller.traceId(), TestSpans.traceIdOf(traceparent), "the record carries the caller's trace");

        SpanData server = TestSpans.awaitSpan(
                caller.traceId(),
                s -> s.getKind() == SpanKind.SERVER && caller.spanId().equals(s.getParentSpanId()),
                "serving the submit");
        assertEquals(requestId, server.getAttributes().get(RequestIds.SPAN_ATTRIBUTE));
        SpanData published = TestSpans.awaitSpan(
                caller.traceId(),
                s -> s.getKind() == SpanKind.PRODUCER && s.getSpanId().equals(TestSpans.spanIdOf(traceparent)),
                "publishing the record");
        assertEquals("publish " + Topics.ACTIONS, published.getName());
        assertEquals(server.getSpanId(), published.getParentSpanId(), "published as a child of the request's span");
    }
}
