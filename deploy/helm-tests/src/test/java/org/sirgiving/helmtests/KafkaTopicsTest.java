package org.sirgiving.helmtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sirgiving.events.TopicSpec;
import org.sirgiving.events.Topics;
import org.sirgiving.helmtests.support.Chart;
import org.sirgiving.helmtests.support.Manifests;

/** Strimzi KafkaTopics: the topics of libs/events Topics.ALL, with their partitions and configs. */
class KafkaTopicsTest {

    @Test
    void kafkaTopicsMatchTopicsAllWhenStrimziIsEnabled() {
        Manifests m = Chart.render(Map.of("strimzi.enabled", "true"));
        assertEquals(expected(Map.of()), rendered(m));
    }

    @Test
    void productionTopicsAreTopicsAllPlusTheExtraConfigInTheStrimziNamespace() {
        Manifests m = Renders.PRODUCTION.manifests();
        assertEquals(expected(Map.of("min.insync.replicas", "2")), rendered(m));
        for (JsonNode t : m.ofKind("KafkaTopic")) {
            assertEquals("kafka", t.path("metadata").path("namespace").asText());
            assertEquals(
                    "sir-kafka",
                    t.path("metadata").path("labels").path("strimzi.io/cluster").asText());
            assertEquals(3, t.path("spec").path("replicas").asInt());
            assertEquals(
                    "keep",
                    t.path("metadata")
                            .path("annotations")
                            .path("helm.sh/resource-policy")
                            .asText(),
                    "helm uninstall must not delete a topic and its records");
        }
    }

    @Test
    void credentialsTopicIsCompacted() {
        JsonNode credentials = Chart.render(Map.of("strimzi.enabled", "true")).get("KafkaTopic", Topics.CREDENTIALS);
        assertEquals(
                "compact",
                credentials.path("spec").path("config").path("cleanup.policy").asText());
    }

    @Test
    void noKafkaTopicsWhenStrimziIsDisabled() {
        assertTrue(Renders.DEFAULTS.manifests().ofKind("KafkaTopic").isEmpty());
    }

    /** Besides the CRD schema (SchemaValidationTest): only the fields the chart means to set. */
    @Test
    void kafkaTopicsHaveTheStrimziV1ShapeWithNoOtherFields() {
        for (JsonNode t : Renders.PRODUCTION.manifests().ofKind("KafkaTopic")) {
            String name = t.path("metadata").path("name").asText();
            assertEquals("kafka.strimzi.io/v1", t.path("apiVersion").asText());
            assertEquals(
                    Set.of("apiVersion", "kind", "metadata", "spec"),
                    Manifests.fields(t).keySet(),
                    name);
            assertTrue(name.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?") && name.length() <= 253, name);
            assertTrue(
                    Set.of("name", "namespace", "labels", "annotations")
                            .containsAll(Manifests.fields(t.path("metadata")).keySet()),
                    name);
            JsonNode spec = t.path("spec");
            assertTrue(
                    Set.of("topicName", "partitions", "replicas", "config")
                            .containsAll(Manifests.fields(spec).keySet()),
                    name);
            assertTrue(spec.path("topicName").isTextual(), name);
            assertTrue(
                    spec.path("partitions").isInt() && spec.path("partitions").asInt() >= 1, name);
            assertTrue(spec.path("replicas").isInt() && spec.path("replicas").asInt() >= 1, name);
            assertTrue(spec.path("config").isObject(), name);
            Manifests.fields(spec.path("config")).forEach((k, v) -> assertTrue(v.isTextual(), name + " " + k));
        }
    }

    /**
     * Strimzi 1.0 serves only kafka.strimzi.io/v1, Strimzi before 0.49 only v1beta2: the chart asks the cluster
     * (.Capabilities.APIVersions). helm-java cannot pass --api-versions, so a template added to a copy of the chart
     * calls the chart's own decision with the API versions of each kind of cluster.
     */
    @Test
    void strimziApiVersionIsV1UnlessTheClusterServesV1beta2WithoutV1(@TempDir Path tmp) throws IOException {
        Path copy = Chart.copyTo(tmp.resolve("sir-platform"));
        Files.writeString(copy.resolve("templates/zz-strimzi-probe.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: strimzi-probe
                data:
                  {{- range $name, $apis := dict "offline" (list) "strimzi-1" (list "kafka.strimzi.io/v1") \
                        "strimzi-0.49" (list "kafka.strimzi.io/v1" "kafka.strimzi.io/v1beta2") \
                        "strimzi-0.45" (list "kafka.strimzi.io/v1beta2" "kafka.strimzi.io/v1beta1") }}
                  {{ $name }}: {{ include "sir-platform.strimziApiVersion" (dict "Values" $.Values "Capabilities" (dict "APIVersions" $apis)) }}
                  {{- end }}
                """);
        Map<String, String> chosen = new TreeMap<>();
        Manifests.fields(Chart.render(copy, null, Map.of())
                        .get("ConfigMap", "strimzi-probe")
                        .path("data"))
                .forEach((k, v) -> chosen.put(k, v.asText()));
        assertEquals(
                Map.of(
                        "offline", "kafka.strimzi.io/v1",
                        "strimzi-1", "kafka.strimzi.io/v1",
                        "strimzi-0.49", "kafka.strimzi.io/v1",
                        "strimzi-0.45", "kafka.strimzi.io/v1beta2"),
                chosen);
        // The real render (helm template knows no cluster) and the override.
        assertEquals(
                "kafka.strimzi.io/v1",
                Chart.render(Map.of("strimzi.enabled", "true"))
                        .ofKind("KafkaTopic")
                        .get(0)
                        .path("apiVersion")
                        .asText());
        for (JsonNode t : Renders.STRIMZI_V1BETA2.manifests().ofKind("KafkaTopic")) {
            assertEquals("kafka.strimzi.io/v1beta2", t.path("apiVersion").asText());
        }
    }

    private static Map<String, String> expected(Map<String, String> extraConfig) {
        Map<String, String> out = new TreeMap<>();
        for (TopicSpec spec : Topics.ALL) {
            Map<String, String> config = new TreeMap<>(extraConfig);
            config.putAll(spec.config());
            out.put(spec.name(), spec.partitions() + " " + config);
        }
        return out;
    }

    /** topicName → "partitions {config}", comparable with {@link #expected}. */
    private static Map<String, String> rendered(Manifests m) {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode t : m.ofKind("KafkaTopic")) {
            Map<String, String> config = new TreeMap<>();
            Manifests.fields(t.path("spec").path("config")).forEach((k, v) -> config.put(k, v.asText()));
            String topic = t.path("spec").path("topicName").asText();
            assertEquals(topic, t.path("metadata").path("name").asText());
            out.put(topic, t.path("spec").path("partitions").asInt() + " " + config);
        }
        assertEquals(
                new TreeSet<>(out.keySet()),
                Topics.ALL.stream().map(TopicSpec::name).collect(Collectors.toCollection(TreeSet::new)));
        return out;
    }
}
