package org.sirgiving.rewards.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * Plays webhook-dispatcher's internal delivery figures ({@code /internal/v1/delivery-stats}) for the dashboard: each
 * partner's answer is what the test sets (status, body, delay); a partner the test did not mention has no deliveries.
 * Every request is recorded with its query and internal token.
 */
public class WebhookDispatcherStub implements QuarkusTestResourceLifecycleManager {
    public record Answer(int status, String body, Duration delay) {}

    public record Asked(Map<String, String> query, String token) {}

    private static final Map<String, Answer> ANSWERS = new ConcurrentHashMap<>();
    public static final List<Asked> ASKED = new CopyOnWriteArrayList<>();
    private HttpServer server;

    public static void answer(String partnerId, long delivered, long failed, long pending) {
        ANSWERS.put(
                partnerId,
                new Answer(
                        200,
                        "{\"delivered\":" + delivered + ",\"failed\":" + failed + ",\"pending\":" + pending + "}",
                        Duration.ZERO));
    }

    public static void answer(String partnerId, Answer answer) {
        ANSWERS.put(partnerId, answer);
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        // Slow answers must not hold up the others.
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/internal/v1/delivery-stats", WebhookDispatcherStub::handle);
        server.start();
        return Map.of(
                "sir.webhook-dispatcher.url",
                "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void handle(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange);
        ASKED.add(new Asked(query, exchange.getRequestHeaders().getFirst("X-Internal-Token")));
        Answer a = ANSWERS.getOrDefault(
                query.get("partnerId"), new Answer(200, "{\"delivered\":0,\"failed\":0,\"pending\":0}", Duration.ZERO));
        try {
            Thread.sleep(a.delay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(a.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException gone) {
            // The caller gave up waiting.
        }
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> q = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(
                            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
