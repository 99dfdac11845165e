package org.sirgiving.testinfra;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Every span recorded and handed at once to the in-memory exporter a test provides ({@link TestSpans#exporter}), none
 * sent anywhere: for the tests that check how a trace links across a hop.
 */
public class TracedProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "sir.tracing.sampling-ratio", "1",
                // Build-time: spans go straight to the exporter (no batching delay) and no OTLP exporter is built.
                "quarkus.otel.simple", "true",
                "quarkus.otel.exporter.otlp.enabled", "false");
    }
}
