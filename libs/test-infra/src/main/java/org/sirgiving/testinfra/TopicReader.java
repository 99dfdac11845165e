package org.sirgiving.testinfra;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventJson;

/** Reads a topic from the beginning, as an outside consumer would, until an event matches. */
public final class TopicReader {

    public static EventEnvelope awaitEvent(
            String bootstrap, String topic, Predicate<EventEnvelope> match, Duration timeout) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(250))) {
                    EventEnvelope e = envelopeOrNull(r.value());
                    if (e != null && match.test(e)) {
                        return e;
                    }
                }
            }
        }
        throw new AssertionError("No matching event on " + topic + " within " + timeout);
    }

    /** As {@link #awaitEvent}, but the whole record (its headers too). */
    public static ConsumerRecord<String, String> awaitRecord(
            String bootstrap, String topic, Predicate<EventEnvelope> match, Duration timeout) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(250))) {
                    EventEnvelope e = envelopeOrNull(r.value());
                    if (e != null && match.test(e)) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("No matching record on " + topic + " within " + timeout);
    }

    /** Reads the topic from the beginning for {@code window} and counts the matching events. */
    public static int count(String bootstrap, String topic, Predicate<EventEnvelope> match, Duration window) {
        return countRaw(
                bootstrap,
                topic,
                r -> {
                    EventEnvelope e = envelopeOrNull(r.value());
                    return e != null && match.test(e);
                },
                window);
    }

    /** Reads the topic from the beginning for {@code window} and counts the records (any content) that match. */
    public static int countRaw(
            String bootstrap, String topic, Predicate<ConsumerRecord<String, String>> match, Duration window) {
        int n = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-counter-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(window);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(250))) {
                    if (match.test(r)) {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    /** Topics may hold records that are no events at all (tests put some there on purpose): they match nothing. */
    private static EventEnvelope envelopeOrNull(String value) {
        try {
            return EventJson.readEnvelope(value);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private TopicReader() {}
}
