package org.sirgiving.helmtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sirgiving.helmtests.support.Chart;
import org.sirgiving.helmtests.support.Manifests;
import org.sirgiving.helmtests.support.RouteTable;
import org.sirgiving.helmtests.support.SchemaValidator;

/**
 * `helm test`: a hook Pod that asks the installed release, through its route, for every service. Rendered with
 * {@link Chart#renderWithHooks} (a plain render leaves hooks out).
 */
class HelmTestHookTest {

    @Test
    void theTestPodIsAHelmTestHookAgainstTheRoutesHostname() {
        JsonNode pod = testPod(Chart.renderWithHooks(Chart.PRODUCTION_VALUES, Map.of()));
        JsonNode annotations = pod.path("metadata").path("annotations");
        assertEquals("test", annotations.path("helm.sh/hook").asText());
        assertTrue(annotations.path("helm.sh/hook-delete-policy").asText().contains("before-hook-creation"));
        assertEquals("Never", pod.path("spec").path("restartPolicy").asText());
        Map<String, String> env = env(pod);
        assertEquals("https://api.sirgiving.org", env.get("BASE_URL"));
    }

    @Test
    void itChecksEveryServicesOpenapiRewriteAndOneOfItsPartnerPaths() {
        Map<String, String> env = env(testPod(Chart.renderWithHooks(null, Renders.GATEWAY.sets())));
        assertEquals("https://api.example.org", env.get("BASE_URL"));
        Map<String, String> routes = RouteTable.read();
        List<String> lines = env.get("CHECKS").lines().filter(l -> !l.isBlank()).toList();
        assertEquals(Renders.SERVICES.size(), lines.size(), env.get("CHECKS"));
        for (int i = 0; i < lines.size(); i++) {
            String[] cols = lines.get(i).trim().split(" ");
            assertEquals(Renders.SERVICES.get(i), cols[0]);
            assertEquals(cols[0], routes.get(cols[1]), "a partner path of " + cols[0] + ": " + cols[1]);
        }
        String script = container(testPod(Chart.renderWithHooks(null, Renders.GATEWAY.sets())))
                .path("args")
                .get(0)
                .asText();
        assertTrue(script.contains("$BASE_URL/partner-api/openapi/$service"), script);
        assertTrue(script.contains("\"requestId\""), script);
        assertTrue(script.contains("exit $fail"), script);
    }

    @Test
    void theTestPodMatchesThePodSchemaAndAPlainRenderLeavesItOut() {
        JsonNode pod = testPod(Chart.renderWithHooks(null, Renders.GATEWAY.sets()));
        List<SchemaValidator.Result> r = SchemaValidator.validate(List.of(pod));
        assertTrue(r.get(0).supported() && r.get(0).valid(), r.get(0)::describe);
        assertTrue(Renders.GATEWAY.manifests().ofKind("Pod").isEmpty());
    }

    @Test
    void theTestPodRunsUnprivilegedWithAReadOnlyRootFilesystem() {
        JsonNode pod = testPod(Chart.renderWithHooks(Chart.PRODUCTION_VALUES, Map.of()));
        JsonNode sc = container(pod).path("securityContext");
        assertTrue(sc.path("readOnlyRootFilesystem").asBoolean());
        assertTrue(!sc.path("allowPrivilegeEscalation").asBoolean(true));
        assertEquals(List.of("ALL"), Manifests.texts(sc.path("capabilities").path("drop")));
        assertTrue(pod.path("spec").path("securityContext").path("runAsNonRoot").asBoolean());
        assertTrue(!pod.path("spec").path("automountServiceAccountToken").asBoolean(true));
    }

    @Test
    void withoutAKnownAddressOrRouteThereIsNoTestPod() {
        assertTrue(pods(Chart.renderWithHooks(null, Map.of())).isEmpty(), "no hostname, no helmTest.url");
        assertTrue(pods(Chart.renderWithHooks(
                        null, Map.of("routing.type", "none", "helmTest.url", "https://x.example.org")))
                .isEmpty());
        assertTrue(pods(Chart.renderWithHooks(
                        null, Map.of("helmTest.enabled", "false", "routing.gateway.hostnames[0]", "a.example.org")))
                .isEmpty());
        JsonNode explicit =
                testPod(Chart.renderWithHooks(null, Map.of("helmTest.url", "http://gateway.gateway-system.svc:8080/")));
        assertEquals("http://gateway.gateway-system.svc:8080", env(explicit).get("BASE_URL"));
        assertTrue(Chart.notes(null, Map.of()).contains("set helmTest.url"));
    }

    private static List<JsonNode> pods(Manifests m) {
        return m.ofKind("Pod");
    }

    private static JsonNode testPod(Manifests m) {
        List<JsonNode> pods = pods(m);
        assertEquals(Set.of(Chart.RELEASE + "-test-route"), Set.copyOf(m.names("Pod")));
        return pods.get(0);
    }

    private static JsonNode container(JsonNode pod) {
        JsonNode containers = pod.path("spec").path("containers");
        assertEquals(1, containers.size());
        return containers.get(0);
    }

    private static Map<String, String> env(JsonNode pod) {
        Map<String, String> env = new LinkedHashMap<>();
        Manifests.list(container(pod).path("env"))
                .forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
        return env;
    }
}
