package org.sirgiving.helmtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sirgiving.helmtests.support.Chart;

/** The PostgreSQL connection budget: every replica's pool is configured, and the sum at peak fits the server. */
class ConnectionBudgetTest {

    @Test
    void everyServiceGetsItsPoolSizeFromTheValues() {
        for (String s : Renders.SERVICES) {
            JsonNode data =
                    Renders.DEFAULTS.manifests().forService("ConfigMap", s).path("data");
            assertEquals(
                    s.equals("keys-service") ? "4" : "8",
                    data.path("QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE").asText(),
                    s);
        }
        JsonNode actions = Chart.render(Map.of("services.actions-service.database.poolSize", "5"))
                .forService("ConfigMap", "actions-service")
                .path("data");
        assertEquals("5", actions.path("QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE").asText());
    }

    @Test
    void moreConnectionsAtPeakThanTheServerAllowsAreRefusedAtRenderTime() {
        // Defaults: 2 replicas each → 2×6 + 3 × 2×10 = 72 of 90. Autoscaling to 6 replicas → 6×6 + 3 × 6×10 = 216.
        String message = Chart.renderFailure(null, Map.of("serviceDefaults.autoscaling.enabled", "true"));
        assertTrue(
                message.contains("PostgreSQL connection budget exceeded: the services may open 216 connections"),
                message);
        assertTrue(message.contains("actions-service 6×10"), message);
        // The same, against a server (or PgBouncer) that allows it.
        Chart.render(Map.of("serviceDefaults.autoscaling.enabled", "true", "postgresql.maxConnections", "250"));
    }

    @Test
    void theProductionExampleFitsItsServer() {
        assertTrue(Renders.PRODUCTION.manifests().ofKind("ConfigMap").size() >= 4);
    }
}
