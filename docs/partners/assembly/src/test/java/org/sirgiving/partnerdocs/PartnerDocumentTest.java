package org.sirgiving.partnerdocs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sirgiving.testinfra.NpmProject;

/**
 * docs/partners/openapi.yaml and .json are what the services' own documents say, merged; and they hold the rules
 * every partner relies on. {@code -Dsir.openapi.write=true} (scripts/partner-openapi) rewrites them instead of
 * failing on a difference.
 */
class PartnerDocumentTest {
    private static final Path ROOT = Path.of(System.getProperty("sir.root.dir", "../../.."))
            .toAbsolutePath()
            .normalize();
    private static final Path YAML_FILE = ROOT.resolve("docs/partners/openapi.yaml");
    private static final Path JSON_FILE = ROOT.resolve("docs/partners/openapi.json");
    private static JsonNode assembled;

    @BeforeAll
    static void assemble() throws IOException {
        assembled = PartnerDocument.assemble(ROOT);
        if (Boolean.getBoolean("sir.openapi.write")) {
            Files.writeString(YAML_FILE, PartnerDocument.toYaml(assembled));
            Files.writeString(JSON_FILE, PartnerDocument.toJson(assembled));
        }
    }

    @Test
    void theCommittedDocumentIsWhatTheServicesSay() throws IOException {
        String hint = " is not what the services' documents merge into: run scripts/partner-openapi and commit it";
        assertEquals(PartnerDocument.toYaml(assembled), Files.readString(YAML_FILE), YAML_FILE + hint);
        assertEquals(PartnerDocument.toJson(assembled), Files.readString(JSON_FILE), JSON_FILE + hint);
    }

    @Test
    void theDocumentLintsWithoutErrorsUnderRedoclysRecommendedRules() {
        NpmProject redocly = NpmProject.install(
                Path.of(System.getProperty("sir.node.src", "src/test/node")).toAbsolutePath(),
                Path.of(System.getProperty("sir.node.dir", "target/node")).toAbsolutePath(),
                "redocly.yaml");
        NpmProject.Run lint = redocly.run(
                3,
                "node",
                "node_modules/@redocly/cli/bin/cli.js",
                "lint",
                "--config",
                "redocly.yaml",
                "--format",
                "stylish",
                YAML_FILE.toString());
        assertEquals(0, lint.exitCode(), "redocly lint found errors:\n" + lint.stdout() + lint.stderr());
    }

    @Test
    void everyErrorAnswerIsAnApiErrorAndEveryAnswerCarriesItsRequestId() {
        List<String> wrong = new ArrayList<>();
        operations()
                .forEach(op -> op.node().path("responses").fields().forEachRemaining(r -> {
                    JsonNode response = resolve(r.getValue());
                    if (!response.path("headers").has("X-Request-Id")) {
                        wrong.add(op.name() + " " + r.getKey() + ": no X-Request-Id");
                    }
                    if (r.getKey().startsWith("4") || r.getKey().startsWith("5")) {
                        String schema = response.path("content")
                                .path("application/json")
                                .path("schema")
                                .path("$ref")
                                .asText();
                        if (!schema.equals("#/components/schemas/ApiError")) {
                            wrong.add(op.name() + " " + r.getKey() + ": not an ApiError");
                        }
                    }
                }));
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void everyOperationHasAUniqueIdASummaryAndItsAuthentication() {
        Set<String> ids = new HashSet<>();
        List<String> wrong = new ArrayList<>();
        operations().forEach(op -> {
            String id = op.node().path("operationId").asText("");
            if (id.isEmpty() || !ids.add(id)) {
                wrong.add(op.name() + ": operationId missing or repeated (" + id + ")");
            }
            if (op.node().path("summary").asText("").isEmpty()) {
                wrong.add(op.name() + ": no summary");
            }
            if (op.node().path("security").isEmpty()) {
                wrong.add(op.name() + ": no security requirement (x-sir-auth)");
            }
        });
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void everySubscribableEventTypeIsAWebhookWithItsPublishedSchema() {
        JsonNode webhooks = assembled.path("webhooks");
        assertTrue(webhooks.has("action.completed"), "webhooks: " + webhooks.fieldNames());
        webhooks.fields().forEachRemaining(w -> {
            JsonNode post = w.getValue().path("post");
            String ref = post.path("requestBody")
                    .path("content")
                    .path("application/json")
                    .path("schema")
                    .path("$ref")
                    .asText();
            assertEquals("#/components/schemas/WebhookEvent." + w.getKey(), ref);
            assertTrue(assembled.path("components").path("schemas").has("WebhookEvent." + w.getKey()), w.getKey());
            List<String> headers = new ArrayList<>();
            post.path("parameters").forEach(p -> headers.add(p.path("name").asText()));
            assertTrue(
                    headers.containsAll(List.of("X-SIR-Signature", "X-SIR-Timestamp", "webhook-signature")),
                    w.getKey() + " headers: " + headers);
        });
    }

    private record Op(String name, JsonNode node) {}

    private static List<Op> operations() {
        List<Op> ops = new ArrayList<>();
        assembled
                .path("paths")
                .fields()
                .forEachRemaining(p -> p.getValue()
                        .fields()
                        .forEachRemaining(
                                m -> ops.add(new Op(m.getKey().toUpperCase() + " " + p.getKey(), m.getValue()))));
        return ops;
    }

    private static JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        return ref == null ? node : resolve(assembled.at(ref.asText().substring(1)));
    }
}
