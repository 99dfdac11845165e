package org.sirgiving.helmtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sirgiving.helmtests.support.Manifests.list;
import static org.sirgiving.helmtests.support.Manifests.texts;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sirgiving.events.TopicSpec;
import org.sirgiving.events.Topics;
import org.sirgiving.helmtests.support.Chart;
import org.sirgiving.helmtests.support.Manifests;

/**
 * Each service's KafkaUser grants exactly what the service does on Kafka, as its sources declare it: the incoming
 * channels of its application.properties and of the libraries' microprofile-config.properties (topics read, group
 * ids, per-replica groups, dead-letter queues), the topics its outbox publishes to, and the DLQ redrive. A channel
 * added, renamed or moved to another group without the chart's ACLs (templates/_kafka.tpl) fails here.
 */
class KafkaAccessTest {
    private static final String UUID = "${quarkus.uuid}";
    private static final Pattern ENQUEUE = Pattern.compile("\\.enqueue\\(\\s*Topics\\.([A-Z_]+)");
    private static final Pattern REDRIVE_GROUP = Pattern.compile("REDRIVE_GROUP\\s*=\\s*\"([^\"]+)\"");

    /** What a service does on Kafka: topic → operations, literal groups, group prefixes. */
    record Access(SortedMap<String, SortedSet<String>> topics, SortedSet<String> groups, SortedSet<String> prefixes) {
        static Access empty() {
            return new Access(new TreeMap<>(), new TreeSet<>(), new TreeSet<>());
        }

        void topic(String topic, String operation) {
            topics.computeIfAbsent(topic, t -> new TreeSet<>(Set.of("Describe")))
                    .add(operation);
        }
    }

    static Stream<String> services() {
        return Renders.SERVICES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void eachServicesKafkaUserGrantsExactlyTheTopicsAndGroupsItsChannelsAndOutboxUse(String service) {
        Access expected = declared(service);
        for (Renders.Case c : new Renders.Case[] {Renders.PRODUCTION, Renders.STRIMZI_V1BETA2}) {
            assertEquals(expected, granted(c.manifests().forService("KafkaUser", service)), c + ": " + service);
        }
    }

    @Test
    void theDeclaredAccessIsNotEmptyAndTheWakeUpGroupsArePrefixes() {
        Access actions = declared("actions-service");
        assertEquals(Set.of("actions-service-wakeups-", "actions-service-credentials-"), actions.prefixes());
        assertEquals(Set.of("Describe", "Read"), actions.topics().get(Topics.REWARD_LIFECYCLE));
        assertEquals(Set.of("Describe", "Write"), actions.topics().get(Topics.ACTIONS));
        Access rewards = declared("rewards-service");
        assertTrue(rewards.groups().contains("sir-dlq-redrive"), rewards::toString);
        assertEquals(Set.of("Describe", "Read", "Write"), rewards.topics().get(Topics.dlq(Topics.ACTIONS)));
    }

    @Test
    void kafkaUsersAreStrimziUsersWithScramAndSimpleAuthorizationOnlyWhenEnabled() {
        assertTrue(Chart.render(Map.of("strimzi.enabled", "true"))
                .ofKind("KafkaUser")
                .isEmpty());
        assertTrue(Chart.render(Map.of("strimzi.users.enabled", "true"))
                .ofKind("KafkaUser")
                .isEmpty());
        Manifests m = Renders.PRODUCTION.manifests();
        assertEquals(Renders.SERVICES.size(), m.ofKind("KafkaUser").size());
        for (String s : Renders.SERVICES) {
            JsonNode user = m.forService("KafkaUser", s);
            assertEquals("kafka.strimzi.io/v1", user.path("apiVersion").asText());
            assertEquals(Renders.fullname(s), user.path("metadata").path("name").asText());
            assertEquals("kafka", user.path("metadata").path("namespace").asText());
            assertEquals(
                    "sir-kafka",
                    user.path("metadata")
                            .path("labels")
                            .path("strimzi.io/cluster")
                            .asText());
            assertEquals(
                    "scram-sha-512",
                    user.path("spec").path("authentication").path("type").asText());
            assertEquals(
                    "simple",
                    user.path("spec").path("authorization").path("type").asText());
        }
    }

    /** The access the service's sources declare. */
    static Access declared(String service) {
        Path root = Chart.repoRoot();
        Path dir = root.resolve(service);
        Properties props = new Properties();
        // Later files override earlier ones, as the service's application.properties overrides the libraries'.
        load(props, root.resolve("libs/service-kernel/src/main/resources/META-INF/microprofile-config.properties"));
        load(props, root.resolve("libs/partner-auth/src/main/resources/META-INF/microprofile-config.properties"));
        if (read(dir.resolve("pom.xml")).contains("<artifactId>outbox</artifactId>")) {
            load(props, root.resolve("libs/outbox/src/main/resources/META-INF/microprofile-config.properties"));
        }
        load(props, dir.resolve("src/main/resources/application.properties"));
        String app = props.getProperty("quarkus.application.name");
        assertEquals(service, app);

        Access access = Access.empty();
        String prefix = "mp.messaging.incoming.";
        Set<String> channels = new TreeSet<>();
        for (String key : props.stringPropertyNames()) {
            if (key.startsWith(prefix) && key.endsWith(".topic")) {
                String channel = key.substring(prefix.length(), key.length() - ".topic".length());
                if (!channel.contains(".")) { // not <channel>.dead-letter-queue.topic
                    channels.add(channel);
                }
            }
        }
        assertFalse(channels.isEmpty(), service);
        for (String ch : channels) {
            String p = prefix + ch + ".";
            if ("false".equals(props.getProperty(p + "enabled"))) {
                continue;
            }
            String topic = props.getProperty(p + "topic");
            access.topic(topic, "Read");
            String group = props.getProperty(p + "group.id").replace("${quarkus.application.name}", app);
            assertFalse(group.contains("${") && !group.endsWith(UUID), service + " " + ch + ": group " + group);
            if (group.endsWith(UUID)) {
                access.prefixes().add(group.substring(0, group.length() - UUID.length()));
            } else {
                access.groups().add(group);
            }
            if ("dead-letter-queue".equals(props.getProperty(p + "failure-strategy"))) {
                String dlq = props.getProperty(p + "dead-letter-queue.topic");
                // libs/service-kernel DeadLetterQueue writes <topic>.dlq too: the two must be the same topic.
                assertEquals(Topics.dlq(topic), dlq, service + " " + ch);
                access.topic(dlq, "Write");
            }
        }
        String sources = javaSources(dir.resolve("src/main/java"));
        Matcher m = ENQUEUE.matcher(sources);
        while (m.find()) {
            access.topic(topicConstant(m.group(1)), "Write");
        }
        if (sources.contains("DeadLetterQueue") && sources.contains(".redrive(")) {
            for (TopicSpec spec : Topics.ALL) {
                access.topic(spec.name(), spec.name().endsWith(Topics.DLQ_SUFFIX) ? "Read" : "Write");
            }
            Matcher g = REDRIVE_GROUP.matcher(read(root.resolve(
                    "libs/service-kernel/src/main/java/org/sirgiving/kernel/messaging/DeadLetterQueue.java")));
            assertTrue(g.find(), "DeadLetterQueue.REDRIVE_GROUP");
            access.groups().add(g.group(1));
        }
        return access;
    }

    /** The access a rendered KafkaUser grants; anything but literal topics and literal or prefixed groups fails. */
    static Access granted(JsonNode user) {
        Access access = Access.empty();
        for (JsonNode acl : list(user.path("spec").path("authorization").path("acls"))) {
            JsonNode r = acl.path("resource");
            String type = r.path("type").asText();
            String name = r.path("name").asText();
            String pattern = r.path("patternType").asText("literal");
            assertTrue(acl.path("type").asText("allow").equals("allow")
                    && acl.path("host").asText("*").equals("*"));
            Set<String> ops = new TreeSet<>(texts(acl.path("operations")));
            switch (type) {
                case "topic" -> {
                    assertEquals("literal", pattern, name);
                    assertFalse(access.topics().containsKey(name), "two ACLs for " + name);
                    access.topics().put(name, new TreeSet<>(ops));
                }
                case "group" -> {
                    assertEquals(Set.of("Read"), ops, name);
                    (pattern.equals("prefix") ? access.prefixes() : access.groups()).add(name);
                }
                default -> throw new AssertionError("unexpected ACL resource " + r);
            }
        }
        return access;
    }

    private static String topicConstant(String field) {
        try {
            return (String) Topics.class.getField(field).get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("Topics." + field, e);
        }
    }

    private static void load(Properties props, Path file) {
        try (Reader r = Files.newBufferedReader(file)) {
            props.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaSources(Path dir) {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(f -> f.toString().endsWith(".java"))
                    .sorted()
                    .forEach(f -> all.append(read(f)).append('\n'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all.toString();
    }
}
