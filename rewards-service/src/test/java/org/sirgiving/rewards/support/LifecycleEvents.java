package org.sirgiving.rewards.support;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventJson;
import org.sirgiving.events.Topics;
import org.sirgiving.testinfra.KafkaBrokerResource;

/**
 * Everything on {@code sir.reward-lifecycle.v1} since the test broker started, read by one background consumer for
 * the whole test JVM (assigned all partitions, from the beginning), so that tests wait on a list instead of joining a
 * consumer group per assertion.
 */
public final class LifecycleEvents {
    private static final List<EventEnvelope> EVENTS = new CopyOnWriteArrayList<>();
    private static final List<String> RAW = new CopyOnWriteArrayList<>();
    private static Thread reader;

    private static synchronized void start() {
        if (reader != null) {
            return;
        }
        reader = new Thread(
                () -> {
                    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.bootstrapServers(),
                            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
                        List<TopicPartition> partitions = consumer.partitionsFor(Topics.REWARD_LIFECYCLE).stream()
                                .map(p -> new TopicPartition(p.topic(), p.partition()))
                                .toList();
                        consumer.assign(partitions);
                        consumer.seekToBeginning(partitions);
                        while (!Thread.currentThread().isInterrupted()) {
                            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                                RAW.add(r.value());
                                EVENTS.add(EventJson.readEnvelope(r.value()));
                            }
                        }
                    } catch (InterruptException e) {
                        // JVM shutting down
                    }
                },
                "test-lifecycle-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Every event read so far. */
    public static List<EventEnvelope> all() {
        start();
        return List.copyOf(EVENTS);
    }

    /** Every record value read so far, as published. */
    public static List<String> raw() {
        start();
        return List.copyOf(RAW);
    }

    public static List<EventEnvelope> matching(Predicate<EventEnvelope> match) {
        return all().stream().filter(match).toList();
    }

    public static EventEnvelope await(Predicate<EventEnvelope> match, Duration timeout) {
        start();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (EventEnvelope e : EVENTS) {
                if (match.test(e)) {
                    return e;
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("No matching event on " + Topics.REWARD_LIFECYCLE + " within " + timeout);
    }

    public static Predicate<EventEnvelope> of(String type, String field, String value) {
        return e -> e.type().equals(type) && value.equals(e.data().path(field).asText());
    }

    private LifecycleEvents() {}
}
