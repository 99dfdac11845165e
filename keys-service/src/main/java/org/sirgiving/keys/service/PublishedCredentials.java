package org.sirgiving.keys.service;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.sirgiving.events.EventJson;
import org.sirgiving.events.Topics;
import org.sirgiving.events.payload.CredentialData;

/**
 * What the compacted credentials topic says now: the newest state of every key on it, read from the beginning to the
 * end offsets of this moment. Only the resync after a restore needs it (a one-off, blocking read with a consumer of its
 * own, no group, no commits); the services' caches read the topic through their SmallRye channel instead.
 * It uses the application's Kafka client settings ({@code kafka.*}: brokers, TLS, SASL), so it connects like the
 * channels do.
 */
@ApplicationScoped
public class PublishedCredentials {
    private final Map<String, Object> kafka;
    private final Duration timeout;

    public PublishedCredentials(
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            @ConfigProperty(name = "sir.keys.resync.read-timeout", defaultValue = "60s") Duration timeout) {
        this.kafka = kafka;
        this.timeout = timeout;
    }

    /** The newest published state per key id. Blocking: call it off the event loop. */
    public Map<String, CredentialData> newestByKeyId() {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "keys-service-resync-" + UUID.randomUUID());
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, CredentialData> newest = new HashMap<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CREDENTIALS, timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp, timeout) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the credentials topic was not read to its end within " + timeout);
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.value() == null) {
                        continue;
                    }
                    CredentialData c = EventJson.readEnvelope(r.value()).dataAs(CredentialData.class);
                    newest.merge(c.keyId(), c, (old, neu) -> neu.version() >= old.version() ? neu : old);
                }
            }
        }
        return newest;
    }
}
