package org.sirgiving.keys;

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
import org.sirgiving.testinfra.PostgresDatabaseResource;

/** The metrics operators' alerts and dashboard read (deploy/metrics.tsv), as /q/metrics exposes them. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class OperatorMetricsTest {

    @Test
    void everyMetricTheDashboardAndAlertsReadForKeysServiceIsExposed() {
        // Any answered request starts the HTTP server's series (scrapes of /q/metrics are not counted).
        RestAssured.get("/v1/partner/keys").then().statusCode(401);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String metrics = RestAssured.get("/q/metrics")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            // For whoever edits deploy/metrics.tsv: what this service exposes, beside its surefire reports.
            Files.writeString(Path.of("target/metrics-exposition.txt"), metrics);
            List<String> missing = ExposedMetrics.missingFrom("keys-service", metrics);
            assertTrue(missing.isEmpty(), () -> "not exposed: " + missing);
        });
    }
}
