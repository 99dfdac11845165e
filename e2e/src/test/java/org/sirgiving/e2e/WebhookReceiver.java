package org.sirgiving.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A partner's webhook endpoint: a real HTTP server on loopback that records what it receives and answers 200. */
final class WebhookReceiver implements AutoCloseable {
    record Received(Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    /**
     * One delivery's envelope {@code {id, type, createdAt, data}} as parsed from its body; {@code id} is null when the
     * body was not such JSON (kept, so a test can report it).
     */
    record Event(String id, String type, JsonNode data, Received delivery) {
        String actionId() {
            return data == null ? null : data.path("actionId").asText(null);
        }
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hooks/sir", exchange -> {
            received.add(new Received(
                    Map.copyOf(exchange.getRequestHeaders()),
                    exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    /** Every delivery so far (redeliveries included), in arrival order, parsed. */
    List<Event> events() {
        List<Event> out = new ArrayList<>();
        for (Received r : received) {
            JsonNode body;
            try {
                body = PartnerClient.JSON.readTree(r.body());
            } catch (IOException e) {
                body = null;
            }
            out.add(
                    body == null || !body.isObject()
                            ? new Event(null, null, null, r)
                            : new Event(
                                    body.path("id").asText(null),
                                    body.path("type").asText(null),
                                    body.path("data"),
                                    r));
        }
        return out;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/sir";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
