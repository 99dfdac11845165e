package org.sirgiving.testinfra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.sirgiving.kafkabroker.KafkaBroker;

/**
 * A real Kafka broker inside the test JVM (KRaft, one node, platform topics created), shared by every test class
 * of the JVM and stopped when the JVM ends.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {
    private static KafkaBroker broker;

    public static synchronized String bootstrapServers() {
        if (broker == null) {
            try {
                Path dir = Files.createTempDirectory("sir-kafka-");
                broker = KafkaBroker.start(dir, 0);
                Runtime.getRuntime()
                        .addShutdownHook(new Thread(
                                () -> {
                                    broker.close();
                                    TempDirs.delete(dir);
                                },
                                "test-kafka-shutdown"));
            } catch (Exception e) {
                throw new IllegalStateException("Cannot start the test Kafka broker", e);
            }
        }
        return broker.bootstrapServers();
    }

    /** A broker outage: the broker is down while {@code during} runs, then back on the same port with its data. */
    public static synchronized void outage(ThrowingRunnable during) throws Exception {
        bootstrapServers();
        broker.close();
        try {
            during.run();
        } finally {
            broker = broker.restart();
        }
    }

    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    @Override
    public void stop() {
        // Shared by the JVM's test classes; the shutdown hook stops it.
    }
}
