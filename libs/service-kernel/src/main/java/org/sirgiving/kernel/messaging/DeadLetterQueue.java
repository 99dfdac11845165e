package org.sirgiving.kernel.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;
import org.sirgiving.events.TopicSpec;
import org.sirgiving.events.Topics;

/**
 * The dead-letter queues ({@code <topic>.dlq}): where a record goes that cannot even be decided (it does not parse, or
 * deciding it failed for a reason of its own). Every write is logged at ERROR and counted
 * ({@code sir_dlq_records_total{topic}}); an operator re-drives a queue after the cause is fixed
 * ({@link #redrive}), and the consumers, being idempotent, process a re-driven record exactly as a first delivery.
 * <p>
 * The plain Kafka client rather than a messaging channel: the topic is chosen per record, redriving reads a queue
 * from its last redriven offset to its end on demand, and neither fits a channel declared in configuration.
 */
@ApplicationScoped
public class DeadLetterQueue {
    private static final Logger LOG = Logger.getLogger(DeadLetterQueue.class);
    /** The consumer group that remembers how far each queue was re-driven. */
    static final String REDRIVE_GROUP = "sir-dlq-redrive";
    /** Records written to a DLQ, by source topic (sir_dlq_records_total). */
    static final String RECORDS = "sir.dlq.records";
    /** Header names as SmallRye's own dead-letter strategy writes them. */
    static final String REASON = "dead-letter-reason";

    static final String CAUSE = "dead-letter-cause";
    static final String TOPIC = "dead-letter-topic";
    static final String PARTITION = "dead-letter-partition";
    static final String OFFSET = "dead-letter-offset";

    private final Map<String, Object> kafkaConfig;
    private final MeterRegistry metrics;
    private volatile KafkaProducer<String, String> producer;

    /**
     * {@code kafkaConfig}: Quarkus's {@code default-kafka-broker} configuration, every {@code kafka.*} property
     * (bootstrap servers, and the TLS and SASL settings the channels get too, KAFKA_SECURITY_PROTOCOL and the like).
     */
    public DeadLetterQueue(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, MeterRegistry metrics) {
        this.kafkaConfig = Map.copyOf(kafkaConfig);
        this.metrics = metrics;
        // At zero from the start: an alert on increase() cannot see the first write to a series that did not exist.
        for (TopicSpec spec : Topics.ALL) {
            if (!spec.name().endsWith(Topics.DLQ_SUFFIX)) {
                metrics.counter(RECORDS, "topic", spec.name());
            }
        }
    }

    /** The shared Kafka client settings, without the application's default group (each client names its own). */
    static Properties clientConfig(Map<String, Object> kafkaConfig) {
        Properties props = new Properties();
        props.putAll(kafkaConfig);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return props;
    }
    /** Created at startup, not on the first dead letter, so that the counters above exist from the first scrape. */
    void onStart(@Observes StartupEvent event) {}

    /** Writes {@code record} to its topic's DLQ with the reason; completes when the broker has it. */
    public Uni<Void> send(ConsumerRecord<String, String> record, Throwable reason) {
        String dlq = Topics.dlq(record.topic());
        ProducerRecord<String, String> out = new ProducerRecord<>(dlq, record.key(), record.value());
        out.headers()
                .add(REASON, utf8(String.valueOf(reason.getMessage())))
                .add(CAUSE, utf8(reason.getClass().getName()))
                .add(TOPIC, utf8(record.topic()))
                .add(PARTITION, utf8(String.valueOf(record.partition())))
                .add(OFFSET, utf8(String.valueOf(record.offset())));
        return Uni.createFrom()
                .<Void>emitter(em -> {
                    // The producer calls back on its own I/O thread: carry on on the caller's Vert.x context, where the
                    // consumer's next database work must run.
                    Context context = Vertx.currentContext();
                    producer().send(out, (meta, e) -> {
                        Runnable done = () -> {
                            if (e != null) {
                                em.fail(e);
                            } else {
                                em.complete(null);
                            }
                        };
                        if (context != null) {
                            context.runOnContext(v -> done.run());
                        } else {
                            done.run();
                        }
                    });
                })
                // Logged and counted once, when the broker has it (a transient send failure is retried by the caller).
                .invoke(() -> {
                    LOG.errorf(
                            reason,
                            "Record %s-%d@%d cannot be processed or decided; it went to %s (re-drive it "
                                    + "with POST /v1/admin/dlq/%s/redrive once the cause is fixed)",
                            record.topic(),
                            record.partition(),
                            record.offset(),
                            dlq,
                            record.topic());
                    metrics.counter(RECORDS, "topic", record.topic()).increment();
                });
    }

    /**
     * Publishes every record waiting in {@code topic}'s DLQ back to {@code topic}, once: the redrive group's committed
     * offsets remember how far earlier redrives went. Returns how many records were re-published.
     */
    public Uni<Integer> redrive(String topic) {
        return Uni.createFrom()
                .item(() -> redriveBlocking(topic))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private synchronized int redriveBlocking(String topic) {
        String dlq = Topics.dlq(topic);
        Properties props = clientConfig(kafkaConfig);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, REDRIVE_GROUP);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(dlq, Duration.ofSeconds(10)).stream()
                    .map((PartitionInfo p) -> new TopicPartition(dlq, p.partition()))
                    .toList();
            consumer.assign(partitions);
            Map<TopicPartition, OffsetAndMetadata> committed =
                    consumer.committed(Set.copyOf(partitions), Duration.ofSeconds(10));
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            for (TopicPartition p : partitions) {
                OffsetAndMetadata c = committed.get(p);
                if (c != null) {
                    consumer.seek(p, c.offset());
                } else {
                    consumer.seekToBeginning(List.of(p));
                }
            }
            int count = 0;
            Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
            List<Future<?>> sends = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!reached(consumer, partitions, end) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() >= end.get(new TopicPartition(r.topic(), r.partition()))) {
                        continue; // arrived after this redrive started: the next one takes it
                    }
                    ProducerRecord<String, String> back = new ProducerRecord<>(topic, r.key(), r.value());
                    for (Header h : r.headers()) {
                        if (!h.key().startsWith("dead-letter-")) {
                            back.headers().add(h);
                        }
                    }
                    back.headers().add("redriven-from", utf8(dlq + "-" + r.partition() + "@" + r.offset()));
                    sends.add(producer().send(back));
                    done.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
                    count++;
                }
            }
            // Only what the broker acknowledged counts as re-driven: one failed send commits nothing (a later redrive
            // publishes this batch again, which the idempotent consumers absorb).
            producer().flush();
            for (Future<?> f : sends) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Redrive of " + dlq + " interrupted; nothing was committed", e);
                } catch (ExecutionException e) {
                    throw new IllegalStateException(
                            "Redrive of " + dlq + " failed; nothing was committed", e.getCause());
                }
            }
            if (!done.isEmpty()) {
                consumer.commitSync(done);
            }
            metrics.counter("sir.dlq.redriven", "topic", topic).increment(count);
            LOG.infof("Re-drove %d record(s) from %s to %s", count, dlq, topic);
            return count;
        }
    }

    private static boolean reached(
            KafkaConsumer<String, String> consumer, List<TopicPartition> partitions, Map<TopicPartition, Long> end) {
        for (TopicPartition p : partitions) {
            if (consumer.position(p) < end.get(p)) {
                return false;
            }
        }
        return true;
    }

    private KafkaProducer<String, String> producer() {
        KafkaProducer<String, String> p = producer;
        if (p == null) {
            synchronized (this) {
                if (producer == null) {
                    Properties props = clientConfig(kafkaConfig);
                    props.put(ProducerConfig.ACKS_CONFIG, "all");
                    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
                    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000");
                    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
                    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
                    producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
                }
                p = producer;
            }
        }
        return p;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
