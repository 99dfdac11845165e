package org.sirgiving.webhooks;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sirgiving.webhooks.WebhookApi.deliveries;
import static org.sirgiving.webhooks.WebhookApi.endpoint;
import static org.sirgiving.webhooks.WebhookApi.newPartner;
import static org.sirgiving.webhooks.WebhookApi.publish;
import static org.sirgiving.webhooks.WebhookApi.register;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventTypes;
import org.sirgiving.testinfra.ExposedMetrics;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.PostgresDatabaseResource;
import org.sirgiving.testinfra.TestPartners;

/** The metrics operators' alerts and dashboard read (deploy/metrics.tsv), as /q/metrics exposes them. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
class OperatorMetricsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static String scrape() {
        return RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static double value(String name, String... labels) {
        return ExposedMetrics.sample(scrape(), name, labels).orElse(0);
    }

    @Test
    void aDeliveredEventIsCountedByOutcomeAndReasonAndTimedFromItsArrival() throws Exception {
        double succeeded = value("sir_webhooks_deliveries_total", "outcome", "succeeded");
        double ok = value("sir_webhooks_attempts_total", "result", "success", "reason", "http_2xx");
        double latencies = value("sir_webhooks_delivery_latency_seconds_count");
        TestPartners.Partner p = newPartner();
        try (Receiver receiver = Receiver.start()) {
            register(p, endpoint(receiver.url(), "receiveAllEvents", true));
            EventEnvelope event = publish(p, EventTypes.ACTION_COMPLETED);
            await().atMost(WAIT).until(() -> receiver.countOf(event.id()) == 1);
        }
        await().atMost(WAIT).untilAsserted(() -> {
            String metrics = scrape();
            // For whoever edits deploy/metrics.tsv: what this service exposes, beside its surefire reports.
            Files.writeString(Path.of("target/metrics-exposition.txt"), metrics);
            List<String> missing = ExposedMetrics.missingFrom("webhook-dispatcher", metrics);
            assertTrue(missing.isEmpty(), () -> "not exposed: " + missing);
            assertEquals(succeeded + 1, value("sir_webhooks_deliveries_total", "outcome", "succeeded"));
            assertEquals(ok + 1, value("sir_webhooks_attempts_total", "result", "success", "reason", "http_2xx"));
            assertEquals(latencies + 1, value("sir_webhooks_delivery_latency_seconds_count"));
            assertTrue(ExposedMetrics.sample(metrics, "sir_webhooks_attempt_duration_seconds_bucket", "le", "10.0")
                    .isPresent());
        });
    }

    @Test
    void a410IsAFailedAttemptForReasonGoneAndEndsTheDeliveryAsFailed() {
        double gone = value("sir_webhooks_attempts_total", "result", "failure", "reason", "gone");
        double failed = value("sir_webhooks_deliveries_total", "outcome", "failed");
        TestPartners.Partner p = newPartner();
        try (Receiver receiver = Receiver.start().answering(n -> Receiver.Answer.status(410))) {
            String id = register(p, endpoint(receiver.url(), "receiveAllEvents", true))
                    .getString("id");
            publish(p, EventTypes.ACTION_COMPLETED);
            await().atMost(WAIT).until(() -> "FAILED".equals(deliveries(p, id).getString("data[0].status")));
        }
        await().atMost(WAIT).untilAsserted(() -> {
            assertEquals(gone + 1, value("sir_webhooks_attempts_total", "result", "failure", "reason", "gone"));
            assertEquals(failed + 1, value("sir_webhooks_deliveries_total", "outcome", "failed"));
        });
    }
}
