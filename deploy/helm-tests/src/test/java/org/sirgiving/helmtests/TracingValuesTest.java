package org.sirgiving.helmtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sirgiving.helmtests.support.Chart;
import org.sirgiving.helmtests.support.Manifests;

/** tracing: values: OTLP export only where a collector is named, and the way to it through the NetworkPolicy. */
class TracingValuesTest {
    private static final Map<String, String> ENABLED = Map.of(
            "tracing.enabled", "true",
            "tracing.endpoint", "http://otel-collector.observability:4317",
            "tracing.samplingRatio", "0.25",
            "tracing.resourceAttributes.deployment\\.environment\\.name", "production",
            "tracing.egress.to[0].namespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name", "observability");

    @Test
    void byDefaultNoServiceIsToldToRecordOrExportTraces() {
        Manifests m = Chart.render();
        for (String s : Renders.SERVICES) {
            Map<String, String> env = Manifests.env(m.forService("Deployment", s), m);
            assertFalse(env.keySet().stream().anyMatch(k -> k.startsWith("QUARKUS_OTEL_")), s + ": " + env.keySet());
            assertFalse(env.containsKey("SIR_TRACING_SAMPLING_RATIO"), s);
            assertTrue(egressPorts(m, s).stream().noneMatch(p -> p == 4317), s + ": egress to a collector");
        }
    }

    @Test
    void enabledEveryServiceExportsToTheCollectorAtTheRatioAndMayReachIt() {
        Manifests m = Chart.render(ENABLED);
        for (String s : Renders.SERVICES) {
            Map<String, String> env = Manifests.env(m.forService("Deployment", s), m);
            assertEquals(
                    "http://otel-collector.observability:4317", env.get("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"));
            assertEquals("grpc", env.get("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"));
            assertEquals("0.25", env.get("SIR_TRACING_SAMPLING_RATIO"));
            assertEquals(
                    "service.namespace=" + Chart.NAMESPACE + ",deployment.environment.name=production",
                    env.get("QUARKUS_OTEL_RESOURCE_ATTRIBUTES"));
            assertTrue(egressPorts(m, s).containsAll(List.of(4317, 4318)), s + ": egress to the collector");
        }
    }

    @Test
    void enabledWithoutACollectorDoesNotRender() {
        String message = Chart.renderFailure(null, Map.of("tracing.enabled", "true"));
        assertTrue(message.contains("endpoint"), message);
    }

    private static List<Integer> egressPorts(Manifests m, String service) {
        List<Integer> ports = new ArrayList<>();
        for (JsonNode rule : m.forService("NetworkPolicy", service).path("spec").path("egress")) {
            for (JsonNode port : rule.path("ports")) {
                ports.add(port.path("port").asInt());
            }
        }
        return ports;
    }
}
