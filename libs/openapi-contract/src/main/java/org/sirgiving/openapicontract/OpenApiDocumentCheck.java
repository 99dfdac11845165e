package org.sirgiving.openapicontract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Holds one HTTP answer to an OpenAPI document, so an undocumented status, body field or header is found (issue 12:
 * the document is proven against the running code). Used by every service's tests (libs/test-infra
 * {@code OpenApiContract}, against the service's own {@code /q/openapi}) and by the e2e tests (against the merged
 * partner document, through the gateway).
 *
 * <p>Answers are checked with Atlassian's swagger-request-validator; requests are not, because tests send bad requests
 * on purpose. The validator reads OpenAPI 3.0, so the 3.1 document is read through {@link #asOpenApi30} (the few 3.1
 * schema forms SmallRye writes, in their 3.0 spelling). Two rules are added by hand because the validator has no
 * switch for them: object schemas are read as closed (an undocumented field fails; published documents stay open for
 * forward compatibility), and every response header of ours ({@code X-…}, {@code Retry-After},
 * {@code Idempotent-Replayed}) must be documented for that status.
 */
public final class OpenApiDocumentCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern OURS = Pattern.compile("(?i)x-.*|retry-after|idempotent-replayed");
    /** Transport and browser-security headers that are not part of any operation's contract. */
    private static final Set<String> GENERIC_HEADERS =
            Set.of("x-content-type-options", "x-frame-options", "x-xss-protection");

    private final OpenApiInteractionValidator validator;
    private final JsonNode openApi;

    private OpenApiDocumentCheck(OpenApiInteractionValidator validator, JsonNode openApi) {
        this.validator = validator;
        this.openApi = openApi;
    }

    /** A check against a document given as JSON or YAML text. */
    public static OpenApiDocumentCheck of(String documentText) {
        try {
            String trimmed = documentText.stripLeading();
            JsonNode openApi =
                    trimmed.startsWith("{") ? JSON.readTree(documentText) : new YAMLMapper().readTree(documentText);
            OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForInlineApiSpecification(
                            JSON.writeValueAsString(asOpenApi30(openApi.deepCopy())))
                    .withLevelResolver(LevelResolver.create()
                            // Tests send malformed requests on purpose; what is held is the answer.
                            .withLevel("validation.request", ValidationReport.Level.IGNORE)
                            .withLevel("validation.response", ValidationReport.Level.ERROR)
                            .build())
                    .build();
            return new OpenApiDocumentCheck(validator, openApi);
        } catch (IOException e) {
            throw new IllegalArgumentException("Not an OpenAPI document", e);
        }
    }

    /**
     * What is wrong with this answer to {@code method path} (empty when it is what the document says). Paths the
     * document does not describe are not checked.
     */
    public List<String> problems(
            String method, String path, int status, Map<String, List<String>> headers, String body) {
        Request.Method m = Request.Method.valueOf(method.toUpperCase(Locale.ROOT));
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(status);
        headers.forEach((name, values) -> values.forEach(v -> answer.withHeader(name, v)));
        if (body != null && !body.isEmpty()) {
            answer.withBody(body);
        }
        List<String> problems = new ArrayList<>();
        ValidationReport report = validator.validateResponse(path, m, answer.build());
        report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .forEach(message -> problems.add(message.getKey() + ": " + message.getMessage()));
        if (!report.hasErrors()) {
            undocumentedHeaders(path, m, status, headers, problems);
        }
        return problems;
    }

    /** Throws an AssertionError naming every problem of this answer. */
    public void assertDocumented(
            String method, String path, int status, Map<String, List<String>> headers, String body) {
        List<String> problems = problems(method, path, status, headers, body);
        if (!problems.isEmpty()) {
            throw new AssertionError("The answer to " + method + " " + path + " (" + status
                    + ") is not what the OpenAPI document says:\n  " + String.join("\n  ", problems) + "\nbody: "
                    + body);
        }
    }

    /** The 3.1 forms SmallRye writes, in 3.0 spelling; object schemas with properties closed (see class comment). */
    static JsonNode asOpenApi30(JsonNode openApi) {
        ((ObjectNode) openApi).put("openapi", "3.0.3");
        ((ObjectNode) openApi).remove("webhooks");
        rewrite(openApi);
        return openApi;
    }

    private static void rewrite(JsonNode node) {
        if (node instanceof ArrayNode array) {
            array.forEach(OpenApiDocumentCheck::rewrite);
            return;
        }
        if (!(node instanceof ObjectNode o)) {
            return;
        }
        JsonNode type = o.get("type");
        if (type instanceof ArrayNode types) {
            List<String> named = new ArrayList<>();
            types.forEach(t -> named.add(t.asText()));
            if (named.remove("null")) {
                o.put("nullable", true);
            }
            if (named.size() == 1) {
                o.put("type", named.get(0));
            } else {
                o.remove("type");
            }
        }
        for (String bound : List.of("exclusiveMinimum", "exclusiveMaximum")) {
            JsonNode value = o.get(bound);
            if (value != null && value.isNumber()) {
                o.set(bound.equals("exclusiveMinimum") ? "minimum" : "maximum", value);
                o.put(bound, true);
            }
        }
        JsonNode constant = o.remove("const");
        if (constant != null) {
            o.set("enum", JSON.createArrayNode().add(constant));
        }
        if (o.get("examples") instanceof ArrayNode examples && o.has("type")) {
            o.remove("examples");
            if (!examples.isEmpty()) {
                o.set("example", examples.get(0));
            }
        }
        if ("object".equals(o.path("type").asText()) && o.has("properties") && !o.has("additionalProperties")) {
            o.put("additionalProperties", false);
        }
        Iterator<JsonNode> children = o.elements();
        while (children.hasNext()) {
            rewrite(children.next());
        }
    }

    private void undocumentedHeaders(
            String path, Request.Method method, int status, Map<String, List<String>> headers, List<String> problems) {
        JsonNode operation = operation(path, method.name().toLowerCase(Locale.ROOT));
        if (operation == null) {
            return;
        }
        JsonNode answer = operation.path("responses").path(String.valueOf(status));
        if (answer.isMissingNode()) {
            answer = operation.path("responses").path("default");
        }
        JsonNode documented = resolve(answer).path("headers");
        headers.keySet().forEach(name -> {
            if (!OURS.matcher(name).matches() || GENERIC_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                return;
            }
            boolean found = false;
            for (Iterator<String> it = documented.fieldNames(); it.hasNext(); ) {
                if (it.next().equalsIgnoreCase(name)) {
                    found = true;
                }
            }
            if (!found) {
                problems.add("header " + name + " is sent with " + status + " but not documented");
            }
        });
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        return ref == null ? node : resolve(openApi.at(ref.asText().substring(1)));
    }

    /** The operation whose path template matches; a literal segment beats a parameter, as in the validator. */
    private JsonNode operation(String path, String method) {
        JsonNode best = null;
        int bestParameters = Integer.MAX_VALUE;
        for (Iterator<Map.Entry<String, JsonNode>> it = openApi.path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String[] parts = entry.getKey().split("\\{[^/]+}", -1);
            StringBuilder template = new StringBuilder("^");
            for (int i = 0; i < parts.length; i++) {
                template.append(Pattern.quote(parts[i]));
                if (i < parts.length - 1) {
                    template.append("[^/]+");
                }
            }
            int parameters = parts.length - 1;
            if (path.matches(template.append('$').toString())
                    && entry.getValue().has(method)
                    && parameters < bestParameters) {
                best = entry.getValue().get(method);
                bestParameters = parameters;
            }
        }
        return best;
    }
}
