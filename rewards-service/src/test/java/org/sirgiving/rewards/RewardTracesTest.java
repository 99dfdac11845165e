package org.sirgiving.rewards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.Topics;
import org.sirgiving.rewards.support.Fixtures;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.PostgresDatabaseResource;
import org.sirgiving.testinfra.TestPartners;
import org.sirgiving.testinfra.TestSpans;
import org.sirgiving.testinfra.TopicReader;
import org.sirgiving.testinfra.TopicWriter;
import org.sirgiving.testinfra.TracedProfile;

/**
 * rewards-service's hop of a trace: the action's record carries the trace of the request that submitted it; the
 * reward is a consumer span of that trace, and the outcome it announces is published (through the outbox, later and
 * from no request) as a child of that span, with the trace in the outcome record's headers for the next service.
 */
@QuarkusTest
@TestProfile(TracedProfile.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
class RewardTracesTest {

    @Test
    void theOutcomeOfAnActionContinuesTheTraceTheActionCarried() {
        TestPartners.Partner p = TestPartners.sandbox();
        EventEnvelope action = Fixtures.action(p, "5", "traced-user");
        TestSpans.Parent upstream = TestSpans.Parent.random();
        TopicWriter.send(Topics.ACTIONS, p.partnerId(), action, Map.of("traceparent", upstream.traceparent()));

        String outcomeTrace = TestSpans.traceparent(outcomeRecord(action));
        assertEquals(upstream.traceId(), TestSpans.traceIdOf(outcomeTrace), "the outcome record carries the trace");

        SpanData consumed = TestSpans.await(upstream.traceId(), "process " + Topics.ACTIONS, SpanKind.CONSUMER);
        assertEquals(upstream.spanId(), consumed.getParentSpanId(), "the reward is a child of the submitting span");
        SpanData published = TestSpans.awaitSpan(
                upstream.traceId(),
                s -> s.getKind() == SpanKind.PRODUCER && s.getSpanId().equals(TestSpans.spanIdOf(outcomeTrace)),
                "publishing the outcome");
        assertEquals("publish " + Topics.REWARD_LIFECYCLE, published.getName());
        assertEquals(consumed.getSpanId(), published.getParentSpanId(), "the outcome is published under the reward");
    }

    @Test
    void actionsOfOnePartnerTakenTogetherKeepTheirOwnTraces() {
        TestPartners.Partner p = TestPartners.sandbox();
        EventEnvelope first = Fixtures.action(p, "3", "first-user");
        EventEnvelope second = Fixtures.action(p, "4", "second-user");
        TestSpans.Parent one = TestSpans.Parent.random();
        TestSpans.Parent two = TestSpans.Parent.random();
        // One partner, one partition: both are likely taken in one batch, in one transaction.
        TopicWriter.send(Topics.ACTIONS, p.partnerId(), first, Map.of("traceparent", one.traceparent()));
        TopicWriter.send(Topics.ACTIONS, p.partnerId(), second, Map.of("traceparent", two.traceparent()));

        String firstTrace = TestSpans.traceIdOf(TestSpans.traceparent(outcomeRecord(first)));
        String secondTrace = TestSpans.traceIdOf(TestSpans.traceparent(outcomeRecord(second)));
        assertEquals(one.traceId(), firstTrace);
        assertEquals(two.traceId(), secondTrace);
        assertNotEquals(firstTrace, secondTrace);
    }

    private static ConsumerRecord<String, String> outcomeRecord(EventEnvelope action) {
        String actionId = Fixtures.actionId(action);
        return TopicReader.awaitRecord(
                KafkaBrokerResource.bootstrapServers(),
                Topics.REWARD_LIFECYCLE,
                e -> e.type().equals(EventTypes.ACTION_COMPLETED)
                        && actionId.equals(e.data().path("actionId").asText()),
                Fixtures.WAIT);
    }
}
