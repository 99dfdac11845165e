package org.sirgiving.helmtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sirgiving.helmtests.support.Chart;

/**
 * The PostgreSQL connection budget: every replica's pool is configured, and the sum at peak (largest replica counts,
 * plus the pod each rolling update adds) fits the server.
 */
class ConnectionBudgetTest {

    @Test
    void everyServiceGetsItsPoolSizeFromTheValues() {
        for (String s : Renders.SERVICES) {
            JsonNode data =
                    Renders.DEFAULTS.manifests().forService("ConfigMap", s).path("data");
            String expected = switch (s) {
                case "keys-service", "webhook-dispatcher" -> "4";
                case "donations-service" -> "2";
                default -> "5";
            };
            assertEquals(
                    expected, data.path("QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE").asText(), s);
        }
        JsonNode actions = Chart.render(Map.of("services.actions-service.database.poolSize", "5"))
                .forService("ConfigMap", "actions-service")
                .path("data");
        assertEquals("5", actions.path("QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE").asText());
    }

    @Test
    void theDefaultsFitPostgresqlsDefaultMaxConnectionsEvenDuringARollingUpdate() {
        // 3 pods each while a rollout surges: 3×6 + 2 × 3×7 + 3×6 + 3×4 = 90 of 100 − 10 reserved.
        String notes = Chart.notes(null, Map.of());
        assertTrue(notes.contains("at most 90 connections at peak"), notes);
        String message = Chart.renderFailure(null, Map.of("services.donations-service.database.poolSize", "3"));
        assertTrue(message.contains("may open 93 connections"), message);
        assertTrue(message.contains("donations-service 3×5"), message);
    }

    @Test
    void moreConnectionsAtPeakThanTheServerAllowsAreRefusedAtRenderTime() {
        // Autoscaling to 6 replicas, 7 in a rollout: 7×6 + 2 × 7×7 + 7×6 + 7×4 = 210.
        String message = Chart.renderFailure(null, Map.of("serviceDefaults.autoscaling.enabled", "true"));
        assertTrue(message.contains("PostgreSQL connection budget exceeded"), message);
        assertTrue(message.contains("the services may open 210 connections"), message);
        assertTrue(message.contains("actions-service 7×7"), message);
        assertTrue(message.contains("plus one pod each during a rolling update"), message);
        // The same, against a server (or PgBouncer) that allows it.
        Chart.render(Map.of("serviceDefaults.autoscaling.enabled", "true", "postgresql.maxConnections", "220"));
    }

    @Test
    void theProductionExampleFitsItsServerAtTheHpaMaximaDuringARollingUpdate() {
        // keys-service 7×6 + actions-service 13×10 + rewards-service 7×10 + webhook-dispatcher 7×10
        // + donations-service 5×6 = 342 of 360.
        String notes = Chart.notes(Chart.PRODUCTION_VALUES, Map.of());
        assertTrue(notes.contains("at most 342 connections at peak"), notes);
        String message = Chart.renderFailure(Chart.PRODUCTION_VALUES, Map.of("postgresql.maxConnections", "360"));
        assertTrue(message.contains("may open 342 connections") && message.contains("leaves 340"), message);
    }
}
