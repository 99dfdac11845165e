package org.sirgiving.actions;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sirgiving.testinfra.ExposedMetrics;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.PostgresDatabaseResource;
import org.sirgiving.testinfra.SignedRequests;
import org.sirgiving.testinfra.TestPartners;

/** The metrics operators' alerts and dashboard read (deploy/metrics.tsv), as /q/metrics exposes them. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
class OperatorMetricsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static FakeRewardsService rewards;

    @BeforeAll
    static void start() {
        rewards = new FakeRewardsService();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        rewards.close();
    }

    private static Response submit(TestPartners.Partner partner) {
        return SignedRequests.send(
                partner.keys(),
                true,
                "POST",
                "/v1/partner/actions/submit",
                SubmitActionTest.body(SubmitActionTest.key(), "10"));
    }

    private static String scrape() {
        return RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
    }

    @Test
    void everyMetricTheDashboardAndAlertsReadForActionsServiceIsExposed() throws Exception {
        TestPartners.Partner partner = TestPartners.sandbox();
        submit(partner).then().statusCode(200);
        await().atMost(WAIT).untilAsserted(() -> {
            String metrics = scrape();
            // For whoever edits deploy/metrics.tsv: what this service exposes, beside its surefire reports.
            Files.writeString(Path.of("target/metrics-exposition.txt"), metrics);
            List<String> missing = ExposedMetrics.missingFrom("actions-service", metrics);
            assertTrue(missing.isEmpty(), () -> "not exposed: " + missing);
        });
    }

    @Test
    void submitLatencyIsAHistogramByResultInPrometheusBuckets() {
        TestPartners.Partner partner = TestPartners.sandbox();
        submit(partner).then().statusCode(200);
        String metrics = scrape();
        OptionalDouble count =
                ExposedMetrics.sample(metrics, "sir_actions_submit_duration_seconds_count", "result", "completed");
        assertTrue(count.isPresent() && count.getAsDouble() >= 1, metrics);
        OptionalDouble all = ExposedMetrics.sample(
                metrics, "sir_actions_submit_duration_seconds_bucket", "result", "completed", "le", "+Inf");
        assertEquals(count.getAsDouble(), all.orElseThrow());
        assertTrue(
                ExposedMetrics.sample(
                                metrics,
                                "sir_actions_submit_duration_seconds_bucket",
                                "result",
                                "completed",
                                "le",
                                "3.0")
                        .isPresent(),
                "a bucket at the 3 s wait budget");
    }

    /**
     * A row the relay cannot publish (its topic's name is one Kafka refuses) is what a stuck relay looks like: the
     * lag timer records nothing, the backlog gauges show the row and its age.
     */
    @Test
    void anUnpublishableOutboxRowShowsInTheBacklogGaugesWithItsAge() throws SQLException {
        sql("INSERT INTO outbox (topic, record_key, payload, created_at) "
                + "VALUES ('not a topic!', 'k', '{}', now() - interval '1 hour')");
        try {
            await().atMost(WAIT).untilAsserted(() -> {
                String metrics = scrape();
                assertTrue(
                        ExposedMetrics.sample(metrics, "sir_outbox_unpublished").orElse(0) >= 1, metrics);
                assertTrue(
                        ExposedMetrics.sample(metrics, "sir_outbox_oldest_unpublished_age_seconds")
                                        .orElse(0)
                                >= 3600,
                        metrics);
            });
        } finally {
            sql("DELETE FROM outbox WHERE topic = 'not a topic!'");
        }
        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertTrue(ExposedMetrics.sample(scrape(), "sir_outbox_oldest_unpublished_age_seconds")
                                        .orElse(-1)
                                < 3600));
    }

    private static void sql(String statement) throws SQLException {
        var config = ConfigProvider.getConfig();
        try (Connection c = DriverManager.getConnection(
                        config.getValue("quarkus.datasource.jdbc.url", String.class),
                        config.getValue("quarkus.datasource.username", String.class),
                        config.getValue("quarkus.datasource.password", String.class));
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
