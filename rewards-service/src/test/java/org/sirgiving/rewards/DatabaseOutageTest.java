package org.sirgiving.rewards;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.Topics;
import org.sirgiving.events.payload.ActionOutcome;
import org.sirgiving.events.payload.OutcomeStatus;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.ProxiedPostgresDatabaseResource;
import org.sirgiving.testinfra.TestPartners;
import org.sirgiving.testinfra.TopicReader;

/** An action that arrives while the database is down waits for it, and is rewarded, not dead-lettered. */
@QuarkusTest
@QuarkusTestResource(ProxiedPostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
class DatabaseOutageTest {

    @Test
    void anActionArrivingDuringADatabaseOutageIsRewardedWhenTheDatabaseReturns() throws Exception {
        TestPartners.Partner p = TestPartners.sandbox();
        // The pool exists before the outage.
        EventEnvelope warmUp = RewardProcessingTest.submitted(p, "1", true, "warm-up");
        RewardProcessingTest.publish(warmUp);
        RewardProcessingTest.outcomeOf(warmUp);
        ProxiedPostgresDatabaseResource.proxy().cut();
        EventEnvelope action = RewardProcessingTest.submitted(p, "25", true, "during-outage");
        try {
            RewardProcessingTest.publish(action);
            Thread.sleep(3_000);
        } finally {
            ProxiedPostgresDatabaseResource.proxy().restore();
        }
        ActionOutcome o = RewardProcessingTest.outcomeOf(action).dataAs(ActionOutcome.class);
        assertEquals(OutcomeStatus.COMPLETED, o.status());
        assertEquals(25, o.tokensDistributed());
        String actionId = action.data().path("actionId").asText();
        assertEquals(
                0,
                TopicReader.count(
                        KafkaBrokerResource.bootstrapServers(),
                        Topics.dlq(Topics.ACTIONS),
                        e -> actionId.equals(e.data().path("actionId").asText()),
                        Duration.ofSeconds(2)));
    }
}
