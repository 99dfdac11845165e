package org.sirgiving.helmtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sirgiving.helmtests.support.Chart;
import org.sirgiving.helmtests.support.Manifests;
import org.sirgiving.helmtests.support.RouteTable;
import org.sirgiving.helmtests.support.SchemaValidator;

/**
 * `helm test`: a hook Pod that asks the installed release, through its route, for the partner OpenAPI document and
 * for every service. Rendered with {@link Chart#renderWithHooks} (a plain render leaves hooks out).
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
    void itChecksThePartnerDocumentOnceAndOnePartnerPathOfEveryService() {
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
        String script = script(testPod(Chart.renderWithHooks(null, Renders.GATEWAY.sets())));
        assertEquals(1, script.split("/partner-api/openapi.json\"", -1).length - 1, script);
        assertTrue(!script.contains("/partner-api/openapi/"), "no per-service documents any more: " + script);
        assertTrue(script.contains("\"requestId\""), script);
        assertTrue(script.contains("exit $fail"), script);
    }

    /** The document is keys-service's (its /partner-api route): without keys-service there is none to ask for. */
    @Test
    void withoutKeysServiceThePodChecksNoDocument() {
        JsonNode pod = testPod(Chart.renderWithHooks(
                null,
                Map.of("routing.gateway.hostnames[0]", "api.example.org", "services.keys-service.enabled", "false")));
        assertTrue(!script(pod).contains("openapi"), script(pod));
        assertTrue(!env(pod).get("CHECKS").contains("keys-service"), env(pod).get("CHECKS"));
    }

    /** The Pod's script, run here with a stand-in curl: it passes on what a healthy release answers. */
    @Test
    void theScriptPassesOnAnOpenapi31DocumentAndTheServicesOwnErrors(@TempDir Path tmp) throws Exception {
        ScriptRun run = runScript(tmp, 200, document("3.1.0"), 401);
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("ok   GET /partner-api/openapi.json -> 200"), run.output());
        assertEquals(
                Renders.SERVICES.size() + 1,
                run.output().lines().filter(l -> l.startsWith("ok   ")).count());
    }

    @Test
    void theScriptFailsWhenTheDocumentIsMissingOrNotOpenapi31(@TempDir Path tmp) throws Exception {
        String gateway404 = "{\"statusCode\":404,\"code\":\"NOT_FOUND\",\"requestId\":\"req_1\"}";
        ScriptRun missing = runScript(tmp.resolve("missing"), 404, gateway404, 401);
        assertEquals(1, missing.exit(), missing.output());
        assertTrue(missing.output().contains("FAIL GET /partner-api/openapi.json -> 404"), missing.output());
        ScriptRun older = runScript(tmp.resolve("older"), 200, document("3.0.3"), 401);
        assertEquals(1, older.exit(), older.output());
        assertTrue(older.output().contains("FAIL GET /partner-api/openapi.json -> 200"), older.output());
    }

    @Test
    void theScriptFailsWhenAPartnerPathIsTheGatewaysNotFound(@TempDir Path tmp) throws Exception {
        ScriptRun run = runScript(tmp, 200, document("3.1.0"), 404);
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("FAIL keys-service: GET /v1/partner/keys"), run.output());
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

    /** As docs/partners/assembly writes it (Jackson's indented output: {@code "openapi" : "3.1.0"}). */
    private static String document(String version) throws Exception {
        ObjectNode doc = Manifests.JSON.createObjectNode().put("openapi", version);
        doc.putObject("info").put("title", "SIR Giving Partner API").put("version", "1");
        return Manifests.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
    }

    private record ScriptRun(int exit, String output) {}

    /**
     * Runs the rendered Pod's script with `sh` and a curl that answers from files: the document with {@code docStatus}
     * and {@code docBody}, every partner path with {@code partnerStatus} and a contract error body.
     */
    private static ScriptRun runScript(Path dir, int docStatus, String docBody, int partnerStatus) throws Exception {
        JsonNode pod = testPod(Chart.renderWithHooks(null, Renders.GATEWAY.sets()));
        Map<String, String> env = env(pod);
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path answers = Files.createDirectories(dir.resolve("answers"));
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        // Writes the answer for the URL's path (slashes as '_') to -o, prints its status as -w '%{http_code}' would.
        Path curl = bin.resolve("curl");
        Files.writeString(curl, """
                #!/bin/sh
                out=; url=
                while [ $# -gt 0 ]; do
                  case "$1" in
                    -o) out=$2; shift ;;
                    -w|--max-time) shift ;;
                    -*) ;;
                    *) url=$1 ;;
                  esac
                  shift
                done
                key=$(printf %s "${url#"$BASE_URL"}" | tr / _)
                cp "$ANSWERS/$key.body" "$out" && cat "$ANSWERS/$key.code"
                """);
        Files.setPosixFilePermissions(curl, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(answers.resolve("_partner-api_openapi.json.body"), docBody);
        Files.writeString(answers.resolve("_partner-api_openapi.json.code"), String.valueOf(docStatus));
        for (String path : RouteTable.read().keySet()) {
            String key = path.replace('/', '_');
            Files.writeString(
                    answers.resolve(key + ".body"),
                    "{\"statusCode\":" + partnerStatus + ",\"code\":\"X\",\"requestId\":\"req_1\"}");
            Files.writeString(answers.resolve(key + ".code"), String.valueOf(partnerStatus));
        }
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", script(pod)).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put("PATH", bin + File.pathSeparator + System.getenv("PATH"));
        pb.environment().put("ANSWERS", answers.toString());
        pb.environment().put("TMPDIR", tmp.toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(1, TimeUnit.MINUTES), output);
        return new ScriptRun(p.exitValue(), output);
    }

    private static String script(JsonNode pod) {
        return container(pod).path("args").get(0).asText();
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
