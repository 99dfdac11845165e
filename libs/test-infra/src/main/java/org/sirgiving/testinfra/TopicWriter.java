package org.sirgiving.testinfra;

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

    public static void sendRaw(String topic, String key, String value) {
        try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            p.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
        } catch (Exception ex) {
            throw new IllegalStateException("Cannot publish to " + topic, ex);
        }
    }

    private TopicWriter() {}
}
