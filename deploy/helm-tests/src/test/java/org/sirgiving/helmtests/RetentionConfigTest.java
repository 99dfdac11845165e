package org.sirgiving.helmtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sirgiving.helmtests.support.Chart;
import org.sirgiving.helmtests.support.Manifests;

/** The retention values (docs/operations.md "Retention") reach each service as the settings it reads. */
class RetentionConfigTest {
    private static final String DISPATCHER = "webhook-dispatcher";

    static Stream<Renders.Case> renders() {
        return Renders.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void everyServiceGetsTheIntervalAndBatchSizeAndTheDaysOfWhatItStores(Renders.Case c) {
        Manifests m = c.manifests();
        for (String s : Renders.SERVICES) {
            Map<String, String> env = Manifests.env(m.forService("Deployment", s), m);
            assertEquals("10m", env.get("SIR_RETENTION_INTERVAL"), s);
            assertEquals("1000", env.get("SIR_RETENTION_BATCH_SIZE"), s);
            // webhook-dispatcher has no outbox; the others (donations-service too) have no deliveries.
            assertEquals(s.equals(DISPATCHER) ? null : "7", env.get("SIR_RETENTION_OUTBOX_DAYS"), s);
            assertEquals(s.equals(DISPATCHER) ? "45" : null, env.get("SIR_RETENTION_DELIVERIES_DAYS"), s);
        }
    }

    @Test
    void theValuesSetTheSettings() {
        Manifests m = Chart.render(Map.of(
                "retention.outboxDays", "3",
                "retention.deliveriesDays", "90",
                "retention.interval", "off",
                "retention.batchSize", "250"));
        for (String s : Renders.SERVICES) {
            Map<String, String> env = Manifests.env(m.forService("Deployment", s), m);
            assertEquals("off", env.get("SIR_RETENTION_INTERVAL"), s);
            assertEquals("250", env.get("SIR_RETENTION_BATCH_SIZE"), s);
            assertEquals(s.equals(DISPATCHER) ? null : "3", env.get("SIR_RETENTION_OUTBOX_DAYS"), s);
            assertEquals(s.equals(DISPATCHER) ? "90" : null, env.get("SIR_RETENTION_DELIVERIES_DAYS"), s);
        }
    }

    @Test
    void aServicesOwnEnvStillOverridesThem() {
        Manifests m = Chart.render(Map.of("services.webhook-dispatcher.env.SIR_RETENTION_DELIVERIES_DAYS", "60"));
        Map<String, String> env = Manifests.env(m.forService("Deployment", DISPATCHER), m);
        assertEquals("60", env.get("SIR_RETENTION_DELIVERIES_DAYS"));
    }

    @Test
    void anIntervalTheServicesCannotParseOrZeroDaysAreRefused() {
        String interval = Chart.renderFailure(null, Map.of("retention.interval", "10 minutes"));
        assertTrue(interval.contains("/retention/interval"), interval);
        String days = Chart.renderFailure(null, Map.of("retention.outboxDays", "0"));
        assertTrue(days.contains("/retention/outboxDays"), days);
        String unknown = Chart.renderFailure(null, Map.of("retention.days", "7"));
        assertTrue(unknown.contains("additional properties 'days' not allowed"), unknown);
    }
}
