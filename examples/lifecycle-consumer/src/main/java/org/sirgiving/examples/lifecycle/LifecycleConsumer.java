package org.sirgiving.examples.lifecycle;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A consumer of {@code sir.reward-lifecycle.v1} with the plain Kafka client: poll, hand every record to
 * {@link LifecycleEvents}, commit after the batch was handled (at least once: a crash before the commit replays the
 * batch, and the dedupe on event ids absorbs it).
 * <p>
 * Run it: {@code java -cp ... org.sirgiving.examples.lifecycle.LifecycleConsumer} with {@code KAFKA_BOOTSTRAP_SERVERS}
 * (default 127.0.0.1:9092, the local run's broker), {@code GROUP_ID} (default lifecycle-consumer-example) and optionally
 * {@code KAFKA_CLIENT_PROPERTIES}, a file of further client settings (TLS, SASL). It prints one line per event it
 * acts on.
 */
public final class LifecycleConsumer implements Runnable, AutoCloseable {
    public static final String TOPIC = "sir.reward-lifecycle.v1";

    private final KafkaConsumer<String, String> consumer;
    private final LifecycleEvents events;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    public LifecycleConsumer(Properties config, LifecycleEvents events) {
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        this.events = events;
    }

    /** The settings this example relies on; add your cluster's security settings to them. */
    public static Properties config(String bootstrapServers, String groupId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        // Offsets are committed after the events were handled, not on a timer before.
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // A new group starts with what the topic still holds (7 days); the dedupe makes a re-read harmless.
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId);
        return p;
    }

    /**
     * What this example does with the events: one line each for action outcomes, pool alerts and key-expiry notices.
     * Every other type (transaction.completed, campaign.*, and types added later) has no handler and is skipped.
     */
    public static LifecycleEvents printing(Consumer<String> out) {
        Consumer<LifecycleEvent> outcome = e -> {
            Payloads.ActionOutcome o = e.data(Payloads.ActionOutcome.class);
            out.accept(String.format(
                    "%s %s partner=%s env=%s status=%s tokens=%d%s event=%s",
                    e.type(),
                    o.actionId(),
                    e.partnerId(),
                    e.environment(),
                    o.status(),
                    o.tokensDistributed(),
                    o.failureCode() == null ? "" : " failure=" + o.failureCode(),
                    e.id()));
        };
        Consumer<LifecycleEvent> pool = e -> {
            Payloads.PoolBalance b = e.data(Payloads.PoolBalance.class);
            out.accept(String.format(
                    "%s %s partner=%s env=%s balance=%d event=%s",
                    e.type(), b.poolId(), e.partnerId(), e.environment(), b.balance(), e.id()));
        };
        return new LifecycleEvents(100_000)
                .on("action.completed", outcome)
                .on("action.failed", outcome)
                .on("action.reversed", outcome)
                .on("token_pool.low_balance", pool)
                .on("token_pool.depleted", pool)
                .on("apiKey.expiring", e -> {
                    Payloads.ApiKeyExpiring k = e.data(Payloads.ApiKeyExpiring.class);
                    out.accept(String.format(
                            "%s %s partner=%s env=%s expiresAt=%s event=%s",
                            e.type(), k.keyId(), e.partnerId(), k.environment(), k.expiresAt(), e.id()));
                });
    }

    /** Polls until {@link #close()}. A handler's exception ends the loop without committing that batch. */
    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(TOPIC));
            while (!closing.get()) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofSeconds(1));
                for (ConsumerRecord<String, String> r : records) {
                    events.accept(r.value());
                }
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
            }
        } catch (WakeupException e) {
            if (!closing.get()) {
                throw e;
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
            stopped.countDown();
        }
    }

    /** Stops the loop from another thread and waits for it to leave its group. */
    @Override
    public void close() throws InterruptedException {
        if (closing.compareAndSet(false, true)) {
            consumer.wakeup();
        }
        stopped.await(10, TimeUnit.SECONDS);
    }

    public static void main(String[] args) throws IOException {
        Properties config =
                config(env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"), env("GROUP_ID", "lifecycle-consumer-example"));
        String extra = System.getenv("KAFKA_CLIENT_PROPERTIES");
        if (extra != null && !extra.isBlank()) {
            try (Reader r = Files.newBufferedReader(Path.of(extra))) {
                config.load(r);
            }
        }
        LifecycleConsumer c = new LifecycleConsumer(config, printing(System.out::println));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                c.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        System.err.println("Reading " + TOPIC + " from " + config.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)
                + " as group " + config.get(ConsumerConfig.GROUP_ID_CONFIG) + " (Ctrl-C stops)");
        c.run();
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
