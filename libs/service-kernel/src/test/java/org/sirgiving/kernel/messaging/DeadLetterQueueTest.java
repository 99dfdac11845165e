package org.sirgiving.kernel.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sirgiving.events.Topics;
import org.sirgiving.kafkabroker.KafkaBroker;

/**
 * The dead-letter queue's own Kafka clients take the settings every channel gets (Quarkus's default-kafka-broker
 * configuration: bootstrap servers, TLS, SASL), so a cluster that requires authentication sees the same login from
 * them as from the channels.
 */
class DeadLetterQueueTest {
    @TempDir
    static Path dir;

    private static KafkaBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = KafkaBroker.start(dir.resolve("kafka"), 0);
        broker.createTopics(Topics.ALL);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void aRecordGoesToItsTopicsDeadLetterQueueThroughTheSharedKafkaSettings() {
        DeadLetterQueue dlq = new DeadLetterQueue(
                Map.of("bootstrap.servers", broker.bootstrapServers(), "group.id", "some-service"),
                new SimpleMeterRegistry());
        try {
            dlq.send(record("k-1"), new IllegalStateException("unreadable"))
                    .await()
                    .atMost(Duration.ofSeconds(30));
        } finally {
            dlq.close();
        }
        List<ConsumerRecord<String, String>> parked = readAll(Topics.dlq(Topics.ACTIONS));
        assertEquals(List.of("k-1"), parked.stream().map(ConsumerRecord::key).toList());
        assertEquals(
                "unreadable",
                new String(parked.get(0)
                        .headers()
                        .lastHeader(DeadLetterQueue.REASON)
                        .value()));
    }

    /** The broker speaks plaintext only: a client that was given the SASL settings cannot publish to it. */
    @Test
    void theSharedSecuritySettingsReachTheDeadLetterProducer() {
        DeadLetterQueue dlq = new DeadLetterQueue(
                Map.of(
                        "bootstrap.servers",
                        broker.bootstrapServers(),
                        "security.protocol",
                        "SASL_PLAINTEXT",
                        "sasl.mechanism",
                        "SCRAM-SHA-512",
                        "sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";"),
                new SimpleMeterRegistry());
        try {
            assertThrows(
                    RuntimeException.class,
                    () -> dlq.send(record("k-2"), new IllegalStateException("unreadable"))
                            .await()
                            .atMost(Duration.ofSeconds(60)));
        } finally {
            dlq.close();
        }
        assertFalse(readAll(Topics.dlq(Topics.ACTIONS)).stream().anyMatch(r -> "k-2".equals(r.key())));
    }

    @Test
    void theApplicationsDefaultGroupIsNotPassedToTheClients() {
        assertEquals(
                Map.of("bootstrap.servers", "b:9092", "security.protocol", "SSL"),
                DeadLetterQueue.clientConfig(
                        Map.of("bootstrap.servers", "b:9092", "security.protocol", "SSL", "group.id", "app")));
    }

    private static ConsumerRecord<String, String> record(String key) {
        return new ConsumerRecord<>(Topics.ACTIONS, 0, 0L, key, "not an envelope");
    }

    private static List<ConsumerRecord<String, String>> readAll(String topic) {
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.bootstrapServers(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "dlq-test-" + System.nanoTime()),
                new StringDeserializer(),
                new StringDeserializer())) {
            c.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(500)).forEach(out::add);
                if (!out.isEmpty()
                        && c.assignment().stream()
                                .allMatch(p -> c.position(p)
                                        >= c.endOffsets(List.of(p)).get(p))) {
                    break;
                }
            }
            return out;
        }
    }
}
