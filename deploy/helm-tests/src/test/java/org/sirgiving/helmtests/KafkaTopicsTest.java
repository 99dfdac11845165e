package org.sirgiving.helmtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
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

    /** No schema package for Strimzi here: the shape of kafka.strimzi.io/v1beta2 KafkaTopic, checked by hand. */
    @Test
    void kafkaTopicsHaveTheStrimziV1beta2ShapeWithNoOtherFields() {
        for (JsonNode t : Renders.PRODUCTION.manifests().ofKind("KafkaTopic")) {
            String name = t.path("metadata").path("name").asText();
            assertEquals("kafka.strimzi.io/v1beta2", t.path("apiVersion").asText());
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
