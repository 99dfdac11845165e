package org.sirgiving.outbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.PostgresDatabaseResource;

/** With sir.retention.interval set, the retention runs by itself: nobody calls it here. */
@QuarkusTest
@TestProfile(OutboxRetentionTimerTest.EverySecond.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class OutboxRetentionTimerTest {
    public static class EverySecond implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sir.retention.interval", "1s", "sir.retention.delay", "1s");
        }
    }

    @Inject
    MovableClock clock;

    @Test
    void theTimerDeletesOldPublishedRowsAndLeavesTheUnpublishedOnes() throws Exception {
        String topic = "test." + UUID.randomUUID();
        Instant now = clock.instant();
        long unpublished = OutboxRows.insert(topic, now.minus(Duration.ofDays(30)), null);
        OutboxRows.insert(topic, now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(8)));
        OutboxRows.insert(topic, now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(9)));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> OutboxRows.idsOf(topic).size() == 1);
        assertEquals(List.of(unpublished), OutboxRows.idsOf(topic));
    }
}
