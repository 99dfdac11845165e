package org.sirgiving.testinfra;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventJson;
import org.sirgiving.events.Topics;
import org.sirgiving.events.payload.CredentialData;

/**
 * For the tests of one service alone: keys-service's internal endpoints, answered from what was published on the
 * real credentials topic (which is what keys-service knows). A lookup reads the topic to its end first, so a key
 * published before the request is always found, however far the service's own cache consumer lags; an unknown key
 * gets keys-service's 404, a request line longer than keys-service accepts its 414. Rate leases are granted in full.
 */
public class KeysServiceStub implements QuarkusTestResourceLifecycleManager {
    /** keys-service's limit of the request line (libs/service-kernel: quarkus.http.limits.max-initial-line-length). */
    private static final int MAX_REQUEST_LINE = 16384;

    /** Keys keys-service knows that were not published (yet): only a lookup finds them, the topic does not. */
    private static final Map<String, CredentialData> UNPUBLISHED = new ConcurrentHashMap<>();
    /** Credential lookups still to lose their connection before any answer. */
    private static final AtomicLong LOOKUPS_TO_DROP = new AtomicLong();

    private HttpServer server;
    private ExecutorService executor;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            // Several at once, as keys-service answers: a slow answer must not queue the others behind it.
            executor = Executors.newFixedThreadPool(4);
            server.setExecutor(executor);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/internal/v1/credentials", exchange -> {
            if (LOOKUPS_TO_DROP.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                // The JDK server closes the connection of a handler that throws, without an answer.
                throw new IOException("dropped on purpose (dropNextLookups)");
            }
            if (exchange.getRequestURI().toString().length() > MAX_REQUEST_LINE) {
                // As keys-service's HTTP server does (quarkus.http.limits.max-initial-line-length).
                reply(exchange, 414, "{}");
                return;
            }
            Map<String, String> query = query(exchange);
            Optional<String> found;
            try {
                found = find(query.get("publicKey"), query.get("secretKeyHash"));
            } catch (RuntimeException e) {
                // The JDK server drops the connection silently (the service answers 503): say why, for the test log.
                System.err.println("KeysServiceStub could not read " + Topics.CREDENTIALS + ": " + e);
                throw e;
            }
            if (found.isPresent()) {
                reply(exchange, 200, found.get());
            } else {
                reply(
                        exchange,
                        404,
                        "{\"statusCode\":404,\"code\":\"NOT_FOUND\",\"message\":\"Credential not found\"}");
            }
        });
        server.createContext("/internal/v1/rate-leases", exchange -> {
            int requested = EventJson.MAPPER
                    .readTree(exchange.getRequestBody())
                    .path("requested")
                    .asInt(1);
            reply(exchange, 200, "{\"granted\":" + requested + ",\"windowTotal\":" + requested + "}");
        });
        server.start();
        return Map.of(
                "sir.keys-service.url",
                "http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next {@code n} credential lookups lose their connection before any answer (a keys-service that dies). */
    public static void dropNextLookups(int n) {
        LOOKUPS_TO_DROP.set(n);
    }

    /** Makes the stub know a key whose record is not on the topic: the service can learn it only by asking. */
    public static void knowUnpublished(CredentialData c) {
        UNPUBLISHED.put(c.keyId(), c);
    }

    /** The newest credential record for the key, read from the beginning to the end of the topic. */
    private static synchronized Optional<String> find(String publicKey, String secretKeyHash) {
        Optional<CredentialData> unpublished = UNPUBLISHED.values().stream()
                .filter(c ->
                        c.publicKey().equals(publicKey) || c.secretKeyHash().equals(secretKeyHash))
                .findFirst();
        if (unpublished.isPresent()) {
            return unpublished.map(c -> EventJson.MAPPER.valueToTree(c).toString());
        }
        String bootstrap = KafkaBrokerResource.bootstrapServers();
        Map<String, EventEnvelope> latest = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CREDENTIALS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    latest.put(r.key(), EventJson.readEnvelope(r.value()));
                }
            }
        }
        return latest.values().stream()
                .filter(e -> (publicKey != null
                                && publicKey.equals(e.data().path("publicKey").asText()))
                        || (secretKeyHash != null
                                && secretKeyHash.equals(
                                        e.data().path("secretKeyHash").asText())))
                .findFirst()
                .map(e -> e.data().toString());
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> q = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
