package org.sirgiving.donations;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sirgiving.testinfra.ExposedMetrics;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.PostgresDatabaseResource;

/**
 * The metrics operators' alerts and dashboard read for donations-service (its rows of deploy/metrics.tsv: requests,
 * dead letters, the outbox backlog, its consumers' lag and polls), as /q/metrics exposes them: the chart's alerts
 * cover this service only if it exposes them under those names.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
class OperatorMetricsTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static String scrape() {
        return RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
    }

    @Test
    void everyMetricTheDashboardAndAlertsReadForDonationsServiceIsExposed() {
        // One answered request (refused: no key), so the request counter has a series.
        RestAssured.get("/v1/partner/organizations").then().statusCode(401);
        await().atMost(WAIT).untilAsserted(() -> {
            String metrics = scrape();
            // For whoever edits deploy/metrics.tsv: what this service exposes, beside its surefire reports.
            Files.writeString(Path.of("target/metrics-exposition.txt"), metrics);
            List<String> missing = ExposedMetrics.missingFrom("donations-service", metrics);
            assertTrue(missing.isEmpty(), () -> "not exposed: " + missing);
        });
    }

    @Test
    void theRowsOfDeployMetricsTsvNameThisService() {
        // A service without rows would pass the test above while the alerts silently ignore it.
        List<String> rows = ExposedMetrics.of("donations-service");
        assertTrue(
                rows.containsAll(List.of(
                        "http_server_requests_seconds_count",
                        "sir_dlq_records_total",
                        "sir_outbox_oldest_unpublished_age_seconds",
                        "kafka_consumer_last_poll_seconds_ago")),
                rows::toString);
    }
}
