package org.sirgiving.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * The partners' webhook endpoint: a real HTTP server on 127.0.0.1 (random port) that answers 200 at once and
 * remembers when the first {@code action.completed} of each action arrived ({@code System.nanoTime()}).
 */
final class WebhookSink implements AutoCloseable {
    final Map<String, Long> completedAt = new ConcurrentHashMap<>();
    final LongAdder deliveries = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "webhook-sink");
        t.setDaemon(true);
        return t;
    });

    WebhookSink() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.createContext("/hooks/sir", exchange -> {
            long at = System.nanoTime();
            byte[] body;
            try {
                body = exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(200, -1);
            } finally {
                exchange.close(); // HttpExchange is AutoCloseable only from Java 18
            }
            deliveries.increment();
            try {
                JsonNode event = Partner.JSON.readTree(body);
                if ("action.completed".equals(event.path("type").asText())) {
                    String actionId = event.path("data").path("actionId").asText("");
                    if (!actionId.isEmpty() && completedAt.putIfAbsent(actionId, at) != null) {
                        duplicates.increment();
                    }
                }
            } catch (Exception e) {
                // not JSON: counted as a delivery, matched to nothing
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/sir";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
