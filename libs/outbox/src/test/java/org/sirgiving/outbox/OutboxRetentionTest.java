package org.sirgiving.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.PostgresDatabaseResource;

/**
 * The outbox's retention (sir.retention.outbox.days = 7, batches of 2 here) on real PostgreSQL: rows published more
 * than 7 days ago by the application's clock go, in as many batches as it takes; younger and unpublished rows stay.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class OutboxRetentionTest {
    @Inject
    OutboxRetention retention;

    @Inject
    MovableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void rowsPublishedMoreThanTheKeptDaysAgoGoInBatchesUntilNoneIsLeft() throws Throwable {
        String topic = topic();
        Instant now = clock.instant();
        List<Long> published = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            published.add(OutboxRows.insert(topic, now.minusSeconds(60), now));
        }
        long unpublished = OutboxRows.insert(topic, now.minus(Duration.ofDays(30)), null);

        clock.advance(Duration.ofDays(6));
        assertEquals(0, purge(), "6 days after their publication the rows are kept");
        assertEquals(6, OutboxRows.idsOf(topic).size());

        clock.advance(Duration.ofDays(1).plusMinutes(1));
        long young = OutboxRows.insert(
                topic, clock.instant().minusSeconds(60), clock.instant().minusSeconds(30));
        assertEquals(5, purge(), "five rows in batches of two: three batches, one run");

        assertEquals(List.of(unpublished, young), OutboxRows.idsOf(topic));
    }

    @Test
    void anUnpublishedRowIsNeverDeletedHoweverOld() throws Throwable {
        String topic = topic();
        Instant now = clock.instant();
        long unpublished = OutboxRows.insert(topic, now.minus(Duration.ofDays(400)), null);

        clock.advance(Duration.ofDays(365));
        purge();

        assertEquals(List.of(unpublished), OutboxRows.idsOf(topic));
    }

    private long purge() throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> retention.purge());
    }

    private static String topic() {
        return "test." + UUID.randomUUID();
    }
}
