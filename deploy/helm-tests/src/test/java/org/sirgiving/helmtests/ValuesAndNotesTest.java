package org.sirgiving.helmtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sirgiving.helmtests.support.Chart;
import org.sirgiving.helmtests.support.Manifests;

/** values.schema.json, the metrics switch and NOTES.txt. */
class ValuesAndNotesTest {

    @Test
    void unknownValuesKeysAreRefused() {
        String message = Chart.renderFailure(null, Map.of("services.keys-service.replica", "3"));
        assertTrue(message.contains("additional properties 'replica' not allowed"), message);
    }

    @Test
    void valuesOfTheWrongTypeAreRefused() {
        String message = Chart.renderFailure(null, Map.of("services.actions-service.port", "http"));
        assertTrue(message.contains("/services/actions-service/port"), message);
    }

    @Test
    void unknownRoutingTypesAreRefused() {
        String message = Chart.renderFailure(null, Map.of("routing.type", "istio"));
        assertTrue(message.contains("/routing/type"), message);
    }

    @Test
    void metricsAreScrapedByPodAnnotationsUnlessServiceMonitorsAreEnabled() {
        Manifests annotated = Renders.DEFAULTS.manifests();
        assertTrue(annotated.ofKind("ServiceMonitor").isEmpty());
        for (JsonNode d : annotated.ofKind("Deployment")) {
            JsonNode a = d.path("spec").path("template").path("metadata").path("annotations");
            assertEquals("true", a.path("prometheus.io/scrape").asText());
            assertEquals("/q/metrics", a.path("prometheus.io/path").asText());
            assertEquals(
                    Manifests.container(d)
                            .path("ports")
                            .get(0)
                            .path("containerPort")
                            .asText(),
                    a.path("prometheus.io/port").asText());
        }
        Manifests monitored = Renders.PRODUCTION.manifests();
        for (String s : Renders.SERVICES) {
            JsonNode sm = monitored.forService("ServiceMonitor", s);
            assertEquals("monitoring.coreos.com/v1", sm.path("apiVersion").asText());
            assertEquals(
                    "/q/metrics",
                    sm.path("spec").path("endpoints").get(0).path("path").asText());
            assertEquals(
                    "http",
                    sm.path("spec").path("endpoints").get(0).path("port").asText());
            assertEquals(
                    "kube-prometheus-stack",
                    sm.path("metadata").path("labels").path("release").asText());
            assertEquals(
                    monitored
                            .forService("Service", s)
                            .path("metadata")
                            .path("labels")
                            .path("app.kubernetes.io/name"),
                    sm.path("spec").path("selector").path("matchLabels").path("app.kubernetes.io/name"));
            assertTrue(
                    monitored
                            .forService("Deployment", s)
                            .path("spec")
                            .path("template")
                            .path("metadata")
                            .path("annotations")
                            .path("prometheus.io/scrape")
                            .isMissingNode(),
                    s);
        }
    }

    @Test
    void changedConfigurationRollsThePods() {
        String before = checksum(Renders.DEFAULTS.manifests());
        String after = checksum(Chart.render(Map.of("kafka.bootstrapServers", "other-kafka:9092")));
        assertTrue(!before.isBlank() && !before.equals(after));
    }

    @Test
    void notesNameEveryServiceAndHowToCheckIt() {
        String notes = new Helm(Chart.sourceDir())
                .install()
                .withName(Chart.RELEASE)
                .withNamespace(Chart.NAMESPACE)
                .withKubeVersion(Chart.KUBE_VERSION)
                .dryRun()
                .withDryRunOption(DryRun.CLIENT)
                .clientOnly()
                .call()
                .getOutput();
        for (String s : Renders.SERVICES) {
            assertTrue(notes.contains("rollout status deploy/" + Chart.RELEASE + "-" + s), notes);
        }
        assertTrue(notes.contains("/q/health/ready"), notes);
        assertTrue(notes.contains("Secret \"sir-platform-secrets\""), notes);
    }

    private static String checksum(Manifests m) {
        return m.forService("Deployment", "actions-service")
                .path("spec")
                .path("template")
                .path("metadata")
                .path("annotations")
                .path("checksum/config")
                .asText();
    }
}
