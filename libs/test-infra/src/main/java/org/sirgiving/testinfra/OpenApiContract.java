package org.sirgiving.testinfra;

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
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Holds every answer a test receives from a public path ({@code /v1/…}) to the OpenAPI document, so an undocumented
 * status, body field or header fails the build (issue 12: the document is proven against the running code).
 *
 * <p>A JUnit extension, auto-registered (META-INF/services) where a module sets
 * {@code junit.jupiter.extensions.autodetection.enabled=true}; it installs one global REST Assured filter. The
 * document is the app's own {@code /q/openapi} (a service's tests), or the file named by the system property or
 * JUnit configuration parameter {@code sir.openapi.document} (the e2e tests and the merged partner document).
 *
 * <p>Responses are checked with Atlassian's swagger-request-validator; requests are not, because tests send bad
 * requests on purpose. The validator reads OpenAPI 3.0, so the 3.1 document is read through {@link #asOpenApi30}
 * (the few 3.1 schema forms SmallRye writes, mapped to their 3.0 spelling). Two rules are added by hand because the
 * validator has no switch for them: object schemas are read as closed (an undocumented field fails; published
 * documents stay open for forward compatibility), and every response header of ours ({@code X-…},
 * {@code Retry-After}, {@code Idempotent-Replayed}) must be documented for that status.
 */
public final class OpenApiContract implements BeforeAllCallback {
    public static final String DOCUMENT_PROPERTY = "sir.openapi.document";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Map<String, Document> DOCUMENTS = new ConcurrentHashMap<>();
    /** Transport and browser-security headers that are not part of any operation's contract. */
    private static final Set<String> GENERIC_HEADERS =
            Set.of("x-content-type-options", "x-frame-options", "x-xss-protection");

    private static volatile boolean installed;

    @Override
    public void beforeAll(ExtensionContext context) throws ReflectiveOperationException {
        String document =
                context.getConfigurationParameter(DOCUMENT_PROPERTY).orElse(System.getProperty(DOCUMENT_PROPERTY));
        // A @QuarkusTest class lives in Quarkus's own class loader, with its own REST Assured statics: install there.
        ClassLoader loader = context.getRequiredTestClass().getClassLoader();
        Class.forName(OpenApiContract.class.getName(), true, loader)
                .getMethod("install", String.class)
                .invoke(null, document);
    }

    /** Installs the filter once per JVM; {@code documentFile} null means each app's own {@code /q/openapi}. */
    public static synchronized void install(String documentFile) {
        if (installed) {
            return;
        }
        RestAssured.filters(new ContractFilter(Optional.ofNullable(documentFile)));
        installed = true;
    }

    private record Document(OpenApiInteractionValidator validator, JsonNode openApi) {}

    private static final class ContractFilter implements Filter {
        private final Optional<String> documentFile;

        ContractFilter(Optional<String> documentFile) {
            this.documentFile = documentFile;
        }

        @Override
        public Response filter(
                FilterableRequestSpecification request, FilterableResponseSpecification spec, FilterContext ctx) {
            Response response = ctx.next(request, spec);
            URI uri = URI.create(request.getURI());
            String path = uri.getRawPath();
            if (!path.startsWith("/v1/")) {
                return response;
            }
            Document document = DOCUMENTS.computeIfAbsent(
                    documentFile.orElse(uri.getScheme() + "://" + uri.getAuthority()), OpenApiContract::load);
            Request.Method method = Request.Method.valueOf(request.getMethod().toUpperCase(Locale.ROOT));
            SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.statusCode());
            response.getHeaders().forEach(h -> answer.withHeader(h.getName(), h.getValue()));
            String body = response.asString();
            if (body != null && !body.isEmpty()) {
                answer.withBody(body);
            }
            List<String> problems = new ArrayList<>();
            ValidationReport report = document.validator().validateResponse(path, method, answer.build());
            report.getMessages().stream()
                    .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                    .forEach(m -> problems.add(m.getKey() + ": " + m.getMessage()));
            if (!report.hasErrors()) {
                undocumentedHeaders(document.openApi(), path, method, response, problems);
            }
            if (!problems.isEmpty()) {
                throw new AssertionError("The answer to " + method + " " + path + " (" + response.statusCode()
                        + ") is not what the OpenAPI document says:\n  " + String.join("\n  ", problems)
                        + "\nbody: " + body);
            }
            return response;
        }
    }

    private static Document load(String source) {
        try {
            String text = source.startsWith("http")
                    ? HTTP.send(
                                    HttpRequest.newBuilder(URI.create(source + "/q/openapi?format=JSON"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body()
                    : Files.readString(Path.of(source));
            JsonNode openApi = source.endsWith(".yaml") || source.endsWith(".yml")
                    ? new YAMLMapper().readTree(text)
                    : JSON.readTree(text);
            JsonNode asThree = asOpenApi30(openApi.deepCopy());
            OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForInlineApiSpecification(
                            JSON.writeValueAsString(asThree))
                    .withLevelResolver(LevelResolver.create()
                            // Tests send malformed requests on purpose; what is held is the answer.
                            .withLevel("validation.request", ValidationReport.Level.IGNORE)
                            .withLevel("validation.response", ValidationReport.Level.ERROR)
                            .build())
                    .build();
            return new Document(validator, openApi);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the OpenAPI document " + source, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
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
            array.forEach(OpenApiContract::rewrite);
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

    private static final Pattern OURS = Pattern.compile("(?i)x-.*|retry-after|idempotent-replayed");

    private static void undocumentedHeaders(
            JsonNode openApi, String path, Request.Method method, Response response, List<String> problems) {
        JsonNode operation = operation(openApi, path, method.name().toLowerCase(Locale.ROOT));
        if (operation == null) {
            return;
        }
        JsonNode answer = operation.path("responses").path(String.valueOf(response.statusCode()));
        if (answer.isMissingNode()) {
            answer = operation.path("responses").path("default");
        }
        answer = resolve(openApi, answer);
        JsonNode documented = answer.path("headers");
        response.getHeaders().forEach(h -> {
            String name = h.getName();
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
                problems.add("header " + name + " is sent with " + response.statusCode() + " but not documented");
            }
        });
    }

    private static JsonNode resolve(JsonNode openApi, JsonNode node) {
        JsonNode ref = node.get("$ref");
        if (ref == null) {
            return node;
        }
        return resolve(openApi, openApi.at(ref.asText().substring(1)));
    }

    /** The operation whose path template matches; a literal segment beats a parameter, as in the validator. */
    private static JsonNode operation(JsonNode openApi, String path, String method) {
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
