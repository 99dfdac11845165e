package org.sirgiving.sdk;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on loopback that answers, in order, the answers a test scripts: as the API does (status, JSON
 * body, headers), or by closing the connection without an answer (a network failure). It records every request.
 */
final class FakeApi implements AutoCloseable {
    record Answer(int status, String body, Map<String, String> headers, boolean drop) {
        static Answer json(int status, String body, Map<String, String> headers) {
            return new Answer(status, body, headers, false);
        }

        static Answer json(int status, String body) {
            return json(status, body, Map.of());
        }

        static Answer dropConnection() {
            return new Answer(0, null, Map.of(), true);
        }
    }

    record Seen(String method, String pathWithQuery, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private final HttpServer server;

    FakeApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    FakeApi then(Answer answer) {
        script.add(answer);
        return this;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        seen.add(new Seen(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query),
                Map.copyOf(exchange.getRequestHeaders()),
                exchange.getRequestBody().readAllBytes()));
        Answer answer = script.poll();
        if (answer == null) {
            answer = Answer.json(500, "{\"statusCode\":500,\"code\":\"INTERNAL_ERROR\",\"message\":\"unscripted\"}");
        }
        if (answer.drop()) {
            exchange.close();
            return;
        }
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        if (answer.body() == null) {
            exchange.sendResponseHeaders(answer.status(), -1);
        } else {
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
