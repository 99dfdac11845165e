package org.sirgiving.testinfra;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventJson;

/** Publishes events as another service would. */
public final class TopicWriter {
    public static void send(String topic, String key, EventEnvelope event) {
        sendRaw(topic, key, EventJson.write(event));
    }

    /** An event with the given record headers (for example a W3C {@code traceparent}). */
    public static void send(String topic, String key, EventEnvelope event, Map<String, String> headers) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, EventJson.write(event));
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        send(topic, record);
    }

    public static void sendRaw(String topic, String key, String value) {
        send(topic, new ProducerRecord<>(topic, key, value));
    }

    private static void send(String topic, ProducerRecord<String, String> record) {
        try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            p.send(record).get(10, TimeUnit.SECONDS);
        } catch (Exception ex) {
            throw new IllegalStateException("Cannot publish to " + topic, ex);
        }
    }

    private TopicWriter() {}
}
