package org.sirgiving.partnerdocs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one OpenAPI 3.1 document of the public API (docs/partners/openapi.yaml), assembled from what the services
 * themselves say: each service's build stores its document (annotations + the kernel's PartnerApiDocument filter) in
 * {@code <service>/target/openapi/openapi.json}; this merges their public paths ({@code /v1/…}) and components, and
 * adds the {@code webhooks} section from the published event schemas (docs/events/schemas) of the event types the
 * webhook endpoint operation documents. Nothing here describes an operation by hand, so the document cannot drift
 * from the code; a clash (one path or one component name described twice, differently) fails the build.
 *
 * <p>Hand-written rather than {@code redocly join}: join renames clashing components instead of failing, and has no
 * notion of our public paths or of the event schemas.
 */
public final class PartnerDocument {
    public static final List<String> SERVICES =
            List.of("keys-service", "actions-service", "rewards-service", "webhook-dispatcher", "donations-service");
    private static final List<String> COMPONENT_SECTIONS =
            List.of("schemas", "responses", "parameters", "examples", "requestBodies", "headers", "securitySchemes");
    private static final String CREATE_WEBHOOK_ENDPOINT = "createWebhookEndpoint";
    private static final String ENVELOPE = "WebhookEventEnvelope";
    private static final String WEBHOOK_EVENTS_TAG = "Webhook events";
    private static final String GATEWAY_ERROR = "GatewayError";

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PartnerDocument() {}

    /** The merged document, from the repository at {@code root} (the services must have been built). */
    public static ObjectNode assemble(Path root) {
        ObjectNode doc = NODES.objectNode();
        doc.put("openapi", "3.1.0");
        doc.set("info", info());
        ArrayNode servers = doc.putArray("servers");
        servers.addObject().put("url", "/").put("description", "The gateway that serves this document");
        servers.addObject().put("url", "http://127.0.0.1:8080").put("description", "The local run (README)");
        Map<String, JsonNode> tags = new TreeMap<>();
        Map<String, JsonNode> paths = new TreeMap<>();
        Map<String, Map<String, JsonNode>> components = new TreeMap<>();
        for (String service : SERVICES) {
            JsonNode part = read(root.resolve(service).resolve("target/openapi/openapi.json"));
            part.path("tags").forEach(t -> tags.putIfAbsent(t.path("name").asText(), t));
            part.path("paths").fields().forEachRemaining(e -> {
                if (e.getKey().startsWith("/v1/")) {
                    putOnce(paths, e.getKey(), e.getValue(), "path " + e.getKey() + " (" + service + ")");
                }
            });
            for (String section : COMPONENT_SECTIONS) {
                part.path("components")
                        .path(section)
                        .fields()
                        .forEachRemaining(e -> putOnce(
                                components.computeIfAbsent(section, s -> new TreeMap<>()),
                                e.getKey(),
                                e.getValue(),
                                "components." + section + "." + e.getKey() + " (" + service + ")"));
            }
        }
        addGatewayAnswers(paths, components);
        ArrayNode tagList = doc.putArray("tags");
        tags.values().forEach(tagList::add);
        ObjectNode pathNode = doc.putObject("paths");
        paths.forEach(pathNode::set);
        ObjectNode webhooks = doc.putObject("webhooks");
        Map<String, JsonNode> schemas = components.computeIfAbsent("schemas", s -> new TreeMap<>());
        addWebhooks(root.resolve("docs/events/schemas"), subscribableEventTypes(doc, components), webhooks, schemas);
        if (!webhooks.isEmpty()) {
            tagList.addObject()
                    .put("name", WEBHOOK_EVENTS_TAG)
                    .put("description", "What SIR Giving POSTs to your webhook endpoints (docs/partners/webhooks.md).");
        }
        ObjectNode componentNode = doc.putObject("components");
        components.forEach((section, entries) -> {
            ObjectNode s = componentNode.putObject(section);
            entries.forEach(s::set);
        });
        return doc;
    }

    public static String toJson(JsonNode doc) {
        try {
            return JSON.writeValueAsString(doc) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String toYaml(JsonNode doc) {
        try {
            return YAML.writeValueAsString(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode info() {
        ObjectNode info = NODES.objectNode();
        info.put("title", "SIR Giving Partner API");
        info.put("version", "1.0.0");
        info.put("description", """
                Reward your users with SIR tokens for prosocial actions and donations. Server-to-server calls are \
                signed with your HMAC secret (see the `Signature` security scheme); widget calls carry only your \
                publishable key. Every write that creates something is idempotent. Every error is an `ApiError` whose \
                `code` is stable. Webhooks are signed twice: `X-SIR-Signature` and the Standard Webhooks headers.

                Guides: docs/partners/ in the repository (quick start, authentication, idempotency and retries, \
                errors, webhooks, rate limits, go-live checklist).""");
        info.putObject("license").put("name", "Proprietary").put("url", "https://sirgiving.org/terms");
        return info;
    }

    private static JsonNode read(Path file) {
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " is missing: build the services first (./mvnw -B package"
                    + " -DskipTests); each stores its OpenAPI document there (quarkus.smallrye-openapi.store-schema-"
                    + "directory)");
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void putOnce(Map<String, JsonNode> into, String key, JsonNode value, String what) {
        JsonNode earlier = into.putIfAbsent(key, value);
        if (earlier != null && !earlier.equals(value)) {
            throw new IllegalStateException(
                    what + " is described twice, differently; give one of them another name (or make them equal)");
        }
    }

    /**
     * What the gateway answers itself, before or instead of a service (deploy/local/gateway-conf): a request nginx
     * refuses (400, 408, 414, 431) and a service it cannot reach (502, 504; 500 if it fails itself). The services'
     * own documents cannot say this, so their tests stay strict; the partner sees it on every operation.
     */
    private static void addGatewayAnswers(Map<String, JsonNode> paths, Map<String, Map<String, JsonNode>> components) {
        Map<String, JsonNode> responses = components.computeIfAbsent("responses", r -> new TreeMap<>());
        JsonNode unavailable = responses.get("ServiceUnavailable");
        if (unavailable == null) {
            throw new IllegalStateException("no ServiceUnavailable response: the kernel's PartnerApiDocument adds it");
        }
        ObjectNode gateway = unavailable.deepCopy();
        gateway.put(
                "description",
                "Answered by the gateway itself: `BAD_REQUEST` (400, not well-formed HTTP), `REQUEST_TIMEOUT` (408),"
                        + " `URI_TOO_LONG` (414), `HEADERS_TOO_LARGE` (431), `INTERNAL_ERROR` (500) or"
                        + " `SERVICE_UNAVAILABLE` (502, 504: the service could not be reached or did not answer in"
                        + " time; nothing was done, retry after `Retry-After` seconds).");
        responses.put(GATEWAY_ERROR, gateway);
        for (JsonNode item : paths.values()) {
            for (JsonNode operation : item) {
                if (!(operation.path("responses") instanceof ObjectNode answers)) {
                    continue; // a path-level "parameters" list, not an operation
                }
                for (String status : List.of("400", "408", "414", "431", "500", "502", "504")) {
                    if (!answers.has(status)) {
                        answers.putObject(status).put("$ref", "#/components/responses/" + GATEWAY_ERROR);
                    }
                }
            }
        }
    }

    /** The enum of {@code eventTypes} in the create-webhook-endpoint request: what a partner can subscribe to. */
    static List<String> subscribableEventTypes(JsonNode doc, Map<String, Map<String, JsonNode>> components) {
        for (JsonNode item : doc.path("paths")) {
            for (JsonNode operation : item) {
                if (CREATE_WEBHOOK_ENDPOINT.equals(operation.path("operationId").asText())) {
                    JsonNode body = resolve(
                            operation
                                    .path("requestBody")
                                    .path("content")
                                    .path("application/json")
                                    .path("schema"),
                            components);
                    JsonNode items =
                            resolve(body.path("properties").path("eventTypes").path("items"), components);
                    List<String> types = new ArrayList<>();
                    items.path("enum").forEach(t -> types.add(t.asText()));
                    if (types.isEmpty()) {
                        throw new IllegalStateException(CREATE_WEBHOOK_ENDPOINT
                                + "'s eventTypes items have no enum: the webhooks section is built from it");
                    }
                    return types;
                }
            }
        }
        throw new IllegalStateException("no operation " + CREATE_WEBHOOK_ENDPOINT + ": the webhooks section is built"
                + " from its eventTypes enum");
    }

    private static JsonNode resolve(JsonNode node, Map<String, Map<String, JsonNode>> components) {
        JsonNode ref = node.get("$ref");
        if (ref == null) {
            return node;
        }
        String[] parts = ref.asText().split("/"); // #/components/<section>/<name>
        JsonNode target = components.getOrDefault(parts[2], Map.of()).get(parts[3]);
        if (target == null) {
            throw new IllegalStateException("unresolved " + ref.asText());
        }
        return resolve(target, components);
    }

    private static void addWebhooks(
            Path eventSchemas, List<String> types, ObjectNode webhooks, Map<String, JsonNode> schemas) {
        schemas.put(ENVELOPE, eventSchema(eventSchemas.resolve("envelope.json")));
        for (String type : types) {
            Path file = eventSchemas.resolve(type + ".json");
            if (!Files.exists(file)) {
                throw new IllegalStateException("event type " + type + " is subscribable but " + file + " is missing");
            }
            ObjectNode schema = eventSchema(file);
            String name = "WebhookEvent." + type;
            schemas.put(name, schema);
            ObjectNode post = webhooks.putObject(type).putObject("post");
            post.put("operationId", "receive" + camel(type));
            post.put("summary", type);
            post.put("description", schema.path("description").asText(type));
            post.putArray("tags").add(WEBHOOK_EVENTS_TAG);
            // Not a call to us: your endpoint checks the signature headers below (and no API key is sent).
            post.putArray("security");
            ArrayNode parameters = post.putArray("parameters");
            for (String[] h : DELIVERY_HEADERS) {
                ObjectNode p = parameters.addObject();
                p.put("name", h[0]).put("in", "header").put("required", Boolean.parseBoolean(h[2]));
                p.put("description", h[1]);
                p.putObject("schema").put("type", "string");
            }
            post.putObject("requestBody")
                    .put("required", true)
                    .putObject("content")
                    .putObject("application/json")
                    .putObject("schema")
                    .put("$ref", "#/components/schemas/" + name);
            ObjectNode responses = post.putObject("responses");
            responses.putObject("200").put("description", "Received. Any 2xx within 15 s counts as delivered.");
            responses.putObject("410").put("description", "Gone: the endpoint is disabled and receives nothing more.");
        }
    }

    private static final String[][] DELIVERY_HEADERS = {
        {
            "X-SIR-Signature",
            "`sha256=<hex>`: lowercase hex HMAC-SHA256 keyed by your `whsec_…` secret (the whole string, as issued)"
                    + " over `X-SIR-Timestamp + \".\" + raw body`. While a rotated secret's 24 h overlap lasts, two"
                    + " signatures separated by a space (new, then old): accept the request if either matches.",
            "true"
        },
        {"X-SIR-Timestamp", "Unix seconds of this attempt; refuse stale ones (we suggest ±300 s).", "true"},
        {"X-SIR-Event-Id", "The event's id (`evt_…`), the same on every attempt: dedupe on it.", "true"},
        {"X-SIR-Delivery-Attempt", "1 for the first attempt, then 2, 3, … on retries.", "true"},
        {"webhook-id", "Standard Webhooks: the event's id, as `X-SIR-Event-Id`.", "true"},
        {"webhook-timestamp", "Standard Webhooks: Unix seconds of this attempt.", "true"},
        {
            "webhook-signature",
            "Standard Webhooks: `v1,<base64 HMAC-SHA256>` over `webhook-id.webhook-timestamp.body`, keyed by the"
                    + " base64-decoded part of your secret after `whsec_`; space-separated during a secret's rotation"
                    + " overlap. Any Standard Webhooks library verifies it.",
            "true"
        },
        {"User-Agent", "`SIRGiving-Webhooks/1.0`.", "true"},
    };

    private static ObjectNode eventSchema(Path file) {
        ObjectNode schema = (ObjectNode) read(file);
        schema.remove("$schema");
        schema.remove("$id");
        rewriteRefs(schema);
        return schema;
    }

    private static void rewriteRefs(JsonNode node) {
        if (node instanceof ObjectNode o) {
            JsonNode ref = o.get("$ref");
            if (ref != null && ref.asText().equals("envelope.json")) {
                o.put("$ref", "#/components/schemas/" + ENVELOPE);
            }
            for (Iterator<JsonNode> it = o.elements(); it.hasNext(); ) {
                rewriteRefs(it.next());
            }
        } else if (node instanceof ArrayNode a) {
            a.forEach(PartnerDocument::rewriteRefs);
        }
    }

    private static String camel(String type) {
        StringBuilder out = new StringBuilder();
        for (String part : type.split("[._]")) {
            out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return out.toString();
    }
}
