package org.sirgiving.helmtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sirgiving.helmtests.support.Manifests.container;
import static org.sirgiving.helmtests.support.Manifests.list;
import static org.sirgiving.helmtests.support.Manifests.texts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sirgiving.helmtests.support.Manifests;

/** Deployments, Services, ServiceAccounts, autoscalers and disruption budgets of the five services. */
class WorkloadTest {
    private static final Map<String, Integer> PORTS = Map.of(
            "keys-service",
            8081,
            "actions-service",
            8082,
            "rewards-service",
            8083,
            "webhook-dispatcher",
            8084,
            "donations-service",
            8085);

    static Stream<Renders.Case> renders() {
        return Renders.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void everyServiceHasOneDeploymentServiceAndServiceAccountOnItsOwnPort(Renders.Case c) {
        Manifests m = c.manifests();
        assertEquals(Renders.SERVICES.size(), m.ofKind("Deployment").size());
        for (String s : Renders.SERVICES) {
            JsonNode d = m.forService("Deployment", s);
            assertEquals(
                    PORTS.get(s),
                    container(d).path("ports").get(0).path("containerPort").asInt(),
                    s);
            JsonNode svc = m.forService("Service", s);
            assertEquals(
                    PORTS.get(s),
                    svc.path("spec").path("ports").get(0).path("port").asInt(),
                    s);
            assertEquals(
                    d.path("spec").path("selector").path("matchLabels"),
                    svc.path("spec").path("selector"),
                    s);
            assertEquals(
                    d.path("spec")
                            .path("template")
                            .path("spec")
                            .path("serviceAccountName")
                            .asText(),
                    m.forService("ServiceAccount", s)
                            .path("metadata")
                            .path("name")
                            .asText(),
                    s);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void everyDeploymentProbesTheQuarkusStartedLiveAndReadyEndpoints(Renders.Case c) {
        for (JsonNode d : c.manifests().ofKind("Deployment")) {
            JsonNode ctr = container(d);
            String name = d.path("metadata").path("name").asText();
            assertEquals(
                    "/q/health/started",
                    ctr.path("startupProbe").path("httpGet").path("path").asText(),
                    name);
            assertEquals(
                    "/q/health/live",
                    ctr.path("livenessProbe").path("httpGet").path("path").asText(),
                    name);
            assertEquals(
                    "/q/health/ready",
                    ctr.path("readinessProbe").path("httpGet").path("path").asText(),
                    name);
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                assertEquals(
                        "http", ctr.path(probe).path("httpGet").path("port").asText(), name + " " + probe);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void everyDeploymentRequestsAndLimitsCpuAndMemory(Renders.Case c) {
        for (JsonNode d : c.manifests().ofKind("Deployment")) {
            JsonNode res = container(d).path("resources");
            for (String kind : List.of("requests", "limits")) {
                for (String r : List.of("cpu", "memory")) {
                    assertFalse(
                            res.path(kind).path(r).asText().isBlank(),
                            () -> d.path("metadata").path("name").asText() + " has no " + kind + "." + r);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void everyDeploymentRunsNonRootOnAReadOnlyRootFilesystemWithoutPrivilegeEscalationOrCapabilities(Renders.Case c) {
        for (JsonNode d : c.manifests().ofKind("Deployment")) {
            String name = d.path("metadata").path("name").asText();
            JsonNode pod = d.path("spec").path("template").path("spec");
            JsonNode sc = container(d).path("securityContext");
            assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean(), name);
            assertTrue(pod.path("securityContext").path("runAsUser").asInt() > 0, name);
            assertEquals(
                    "RuntimeDefault",
                    pod.path("securityContext")
                            .path("seccompProfile")
                            .path("type")
                            .asText(),
                    name);
            assertTrue(sc.path("runAsNonRoot").asBoolean(), name);
            assertTrue(sc.path("readOnlyRootFilesystem").asBoolean(), name);
            assertFalse(sc.path("allowPrivilegeEscalation").asBoolean(true), name);
            assertFalse(sc.path("privileged").asBoolean(true), name);
            assertEquals(List.of("ALL"), texts(sc.path("capabilities").path("drop")), name);
            assertEquals(
                    "RuntimeDefault", sc.path("seccompProfile").path("type").asText(), name);
            // The one writable place: /tmp on an emptyDir.
            JsonNode tmpMount = list(container(d).path("volumeMounts")).stream()
                    .filter(v -> "/tmp".equals(v.path("mountPath").asText()))
                    .findFirst()
                    .orElseThrow();
            JsonNode tmpVolume = list(pod.path("volumes")).stream()
                    .filter(v ->
                            tmpMount.path("name").asText().equals(v.path("name").asText()))
                    .findFirst()
                    .orElseThrow();
            assertTrue(tmpVolume.has("emptyDir"), name);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void noPodMountsAKubernetesApiToken(Renders.Case c) {
        Manifests m = c.manifests();
        for (JsonNode sa : m.ofKind("ServiceAccount")) {
            assertFalse(
                    sa.path("automountServiceAccountToken").asBoolean(true),
                    sa.path("metadata").path("name").asText());
        }
        for (JsonNode d : m.ofKind("Deployment")) {
            assertFalse(d.path("spec")
                    .path("template")
                    .path("spec")
                    .path("automountServiceAccountToken")
                    .asBoolean(true));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void everyServiceHasADisruptionBudgetSelectingItsPods(Renders.Case c) {
        Manifests m = c.manifests();
        for (String s : Renders.SERVICES) {
            JsonNode pdb = m.forService("PodDisruptionBudget", s);
            assertEquals("policy/v1", pdb.path("apiVersion").asText());
            assertEquals(
                    m.forService("Deployment", s).path("spec").path("selector"),
                    pdb.path("spec").path("selector"),
                    s);
            assertTrue(pdb.path("spec").has("minAvailable") ^ pdb.path("spec").has("maxUnavailable"), s);
        }
    }

    @Test
    void productionAutoscalesEveryServiceAndLeavesTheReplicaCountToTheAutoscaler() {
        Manifests m = Renders.PRODUCTION.manifests();
        for (String s : Renders.SERVICES) {
            JsonNode hpa = m.forService("HorizontalPodAutoscaler", s);
            JsonNode d = m.forService("Deployment", s);
            assertEquals("autoscaling/v2", hpa.path("apiVersion").asText());
            assertEquals(
                    "Deployment",
                    hpa.path("spec").path("scaleTargetRef").path("kind").asText());
            assertEquals(
                    d.path("metadata").path("name"),
                    hpa.path("spec").path("scaleTargetRef").path("name"));
            assertTrue(hpa.path("spec").path("minReplicas").asInt()
                    <= hpa.path("spec").path("maxReplicas").asInt());
            assertFalse(d.path("spec").has("replicas"), s + ": the HPA owns the replica count");
        }
        // rewards-service's shared consumer group reads 6 partitions.
        assertEquals(
                6,
                m.forService("HorizontalPodAutoscaler", "rewards-service")
                        .path("spec")
                        .path("maxReplicas")
                        .asInt());
    }

    @Test
    void defaultValuesRunTwoReplicasWithoutAutoscalers() {
        Manifests m = Renders.DEFAULTS.manifests();
        assertTrue(m.ofKind("HorizontalPodAutoscaler").isEmpty());
        for (JsonNode d : m.ofKind("Deployment")) {
            assertEquals(2, d.path("spec").path("replicas").asInt());
        }
    }
}
