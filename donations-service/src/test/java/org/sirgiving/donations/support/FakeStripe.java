package org.sirgiving.donations.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stripe's API as a real local HTTP server, answering {@code POST /v1/checkout/sessions} as Stripe's API reference
 * shows: 200 with the Checkout Session ({@code id cs_test_…}, {@code object checkout.session}, {@code url}), or the
 * error body {@code {"error": {type, code, message}}} with the status a test chooses. A JDK server rather than WireMock:
 * WireMock is not in this build's offline repository, and one route with recorded requests needs nothing more.
 */
public final class FakeStripe implements AutoCloseable {
    /** One request as Stripe received it: headers (lower-cased names) and the decoded form, in order. */
    public record Received(String method, String path, Map<String, String> headers, Map<String, String> form) {}

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicReference<int[]> failWith = new AtomicReference<>();
    private final AtomicReference<String> failBody = new AtomicReference<>();

    public FakeStripe() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/checkout/sessions", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            received.add(new Received(
                    exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, decode(body)));
            int[] failure = failWith.get();
            String answer;
            int status;
            if (failure != null) {
                status = failure[0];
                answer = failBody.get();
            } else {
                String id = "cs_test_fake" + sessions.incrementAndGet();
                status = 200;
                answer = "{\"id\":\"" + id + "\",\"object\":\"checkout.session\",\"mode\":\""
                        + decode(body).get("mode") + "\",\"status\":\"open\",\"url\":"
                        + "\"https://checkout.stripe.com/c/pay/" + id + "\"}";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Received> received() {
        return received;
    }

    /** From now on, answer every request with this status and Stripe's error body. */
    public void failWith(int status, String type, String code, String message) {
        failBody.set(
                "{\"error\":{\"type\":\"" + type + "\",\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}");
        failWith.set(new int[] {status});
    }

    public void reset() {
        received.clear();
        sessions.set(0);
        failWith.set(null);
    }

    private static Map<String, String> decode(String form) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (form.isEmpty()) {
            return fields;
        }
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            fields.put(
                    URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
