package org.sirgiving.helmtests.support;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/** The documents of one `helm template` output, parsed strictly (a duplicate key fails the parse). */
public final class Manifests {
    public static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    public static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> docs;

    private Manifests(List<JsonNode> docs) {
        this.docs = List.copyOf(docs);
    }

    public static Manifests parse(String yaml) {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode doc = it.nextValue();
                if (doc != null && !doc.isNull() && !doc.isMissingNode() && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("rendered manifests are not valid YAML: " + e.getMessage(), e);
        }
        return new Manifests(docs);
    }

    public List<JsonNode> all() {
        return docs;
    }

    public List<JsonNode> ofKind(String kind) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    public JsonNode get(String kind, String name) {
        return docs.stream()
                .filter(d -> kind.equals(d.path("kind").asText())
                        && name.equals(d.path("metadata").path("name").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " among " + names(kind)));
    }

    public List<String> names(String kind) {
        return ofKind(kind).stream()
                .map(d -> d.path("metadata").path("name").asText())
                .toList();
    }

    /** The resource of a kind that belongs to a service (label app.kubernetes.io/name). */
    public JsonNode forService(String kind, String service) {
        List<JsonNode> found = ofKind(kind).stream()
                .filter(d -> service.equals(d.path("metadata")
                        .path("labels")
                        .path("app.kubernetes.io/name")
                        .asText()))
                .toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + " for " + service + ", found " + found.size());
        }
        return found.get(0);
    }

    /** The decoded data of every Secret, by Secret name then key. */
    public Map<String, Map<String, String>> secretData() {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (JsonNode s : ofKind("Secret")) {
            Map<String, String> data = new LinkedHashMap<>();
            fields(s.path("data"))
                    .forEach(
                            (k, v) -> data.put(k, new String(Base64.getDecoder().decode(v.asText()))));
            fields(s.path("stringData")).forEach((k, v) -> data.put(k, v.asText()));
            out.put(s.path("metadata").path("name").asText(), data);
        }
        return out;
    }

    public static Map<String, JsonNode> fields(JsonNode node) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    public static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    public static List<String> texts(JsonNode array) {
        return list(array).stream().map(JsonNode::asText).collect(Collectors.toList());
    }

    /** The container env of a Deployment's first container: name → value, or "secret:<name>/<key>". */
    public static Map<String, String> env(JsonNode deployment, Manifests in) {
        JsonNode c = container(deployment);
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode from : list(c.path("envFrom"))) {
            String cm = from.path("configMapRef").path("name").asText(null);
            if (cm != null) {
                fields(in.get("ConfigMap", cm).path("data")).forEach((k, v) -> env.put(k, v.asText()));
            }
        }
        for (JsonNode e : list(c.path("env"))) {
            JsonNode ref = e.path("valueFrom").path("secretKeyRef");
            env.put(
                    e.path("name").asText(),
                    ref.isMissingNode()
                            ? e.path("value").asText()
                            : "secret:" + ref.path("name").asText() + "/"
                                    + ref.path("key").asText());
        }
        return env;
    }

    public static JsonNode container(JsonNode deployment) {
        JsonNode containers =
                deployment.path("spec").path("template").path("spec").path("containers");
        if (containers.size() != 1) {
            throw new AssertionError("expected one container in "
                    + deployment.path("metadata").path("name").asText());
        }
        return containers.get(0);
    }
}
