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
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventJson;
import org.sirgiving.events.Topics;

/**
 * For the tests of one service alone: keys-service's internal endpoints, answered from what was published on the
 * real credentials topic (which is what keys-service knows). A lookup reads the topic to its end first, so a key
 * published before the request is always found, however far the service's own cache consumer lags; an unknown key
 * gets keys-service's 404, a request line longer than keys-service accepts its 414. Rate leases are granted in full.
 */
public class KeysServiceStub implements QuarkusTestResourceLifecycleManager {
    /** keys-service's limit of the request line (libs/service-kernel: quarkus.http.limits.max-initial-line-length). */
    private static final int MAX_REQUEST_LINE = 16384;

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/internal/v1/credentials", exchange -> {
            if (exchange.getRequestURI().toString().length() > MAX_REQUEST_LINE) {
                // As keys-service's HTTP server does (quarkus.http.limits.max-initial-line-length).
                reply(exchange, 414, "{}");
                return;
            }
            Map<String, String> query = query(exchange);
            Optional<String> found = find(query.get("publicKey"), query.get("secretKeyHash"));
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

    /** The newest credential record for the key, read from the beginning to the end of the topic. */
    private static synchronized Optional<String> find(String publicKey, String secretKeyHash) {
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
        }
    }
}
