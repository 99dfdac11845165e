package org.sirgiving.kafkabroker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.sirgiving.events.TopicSpec;
import org.sirgiving.events.Topics;

/**
 * A real single-node Kafka (KRaft, combined broker and controller) built from Kafka's own artifacts. The test
 * infrastructure starts it inside the test JVM; {@link #main} runs it as the local run's broker process.
 * Automatic topic creation is off: the platform's topics are created explicitly, with their settings.
 */
public final class KafkaBroker implements AutoCloseable {
    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path logDir;
    private final int port;
    private boolean closed;

    private KafkaBroker(KafkaRaftServer server, String bootstrapServers, Path logDir, int port) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.logDir = logDir;
        this.port = port;
    }

    /**
     * Formats {@code logDir} if it is new, starts the broker on {@code port} (0: any free port) and creates the topics.
     * A restart on the same folder keeps its data and its controller port.
     */
    public static KafkaBroker start(Path logDir, int port) throws Exception {
        int brokerPort = port == 0 ? freePort() : port;
        Files.createDirectories(logDir);
        int controllerPort = controllerPort(logDir);
        String dir = logDir.toAbsolutePath().toString();
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", dir);
        props.put("auto.create.topics.enable", "false");
        // One node: every internal topic has one replica.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "5");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "2");

        format(dir);
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        server.startup();
        KafkaBroker broker = new KafkaBroker(server, "127.0.0.1:" + brokerPort, logDir, brokerPort);
        broker.createTopics(Topics.ALL);
        return broker;
    }

    /** Formats a new log directory; one formatted before (a restart) is used as it is. */
    private static void format(String dir) throws Exception {
        if (Files.exists(Path.of(dir, "meta.properties"))) {
            return;
        }
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setClusterId(Uuid.randomUuid().toString())
                .setNodeId(1)
                .setControllerListenerName("CONTROLLER")
                .setMetadataLogDirectory(dir)
                .setDirectories(List.of(dir))
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setUnstableFeatureVersionsEnabled(false)
                .setIgnoreFormatted(true)
                .run();
    }

    /** Creates the topics that do not exist yet (running it again is harmless). */
    public void createTopics(List<TopicSpec> specs) throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                60_000))) {
            for (TopicSpec spec : specs) {
                try {
                    admin.createTopics(List.of(
                                    new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(spec.config())))
                            .all()
                            .get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                } catch (TimeoutException e) {
                    throw new IllegalStateException("Timed out creating topic " + spec.name(), e);
                }
            }
        }
    }

    /** Starts a stopped broker again on the same port and data (after an outage, in tests). */
    public KafkaBroker restart() throws Exception {
        return start(logDir, port);
    }

    private static int controllerPort(Path logDir) throws IOException {
        Path file = logDir.resolve("controller.port");
        if (Files.exists(file)) {
            return Integer.parseInt(Files.readString(file).trim());
        }
        int p = freePort();
        Files.writeString(file, Integer.toString(p));
        return p;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            server.shutdown();
            server.awaitShutdown();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    /**
     * The local run's broker: {@code KafkaBroker <port> <logDir>}. Prints {@code READY <bootstrap>} once the topics
     * exist, then serves until terminated.
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: KafkaBroker <port> <logDir>");
            System.exit(2);
        }
        KafkaBroker broker = start(Path.of(args[1]), Integer.parseInt(args[0]));
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-broker-shutdown"));
        System.out.println("READY " + broker.bootstrapServers());
        System.out.flush();
        broker.server.awaitShutdown();
    }
}
