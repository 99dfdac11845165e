package org.sirgiving.webhooks;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/** A partner's webhook receiver: a real HTTP server on 127.0.0.1 that records requests and answers as told. */
final class Receiver implements AutoCloseable {
    record Received(String method, String path, Headers headers, byte[] body) {
        String header(String name) {
            return headers.getFirst(name);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** An answer; {@code hang} holds the request until {@link #release()} (or 30 s). */
    record Answer(int status, Map<String, String> headers, String body, boolean hang) {
        static Answer status(int status) {
            return new Answer(status, Map.of(), status < 300 ? "ok" : "nope", false);
        }

        static Answer hanging() {
            return new Answer(200, Map.of(), "late", true);
        }
    }

    final List<Received> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final AtomicInteger count = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile IntFunction<Answer> answers = n -> Answer.status(200);

    private Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // Each request on its own thread: a hanging answer must not hold the others.
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    static Receiver start() {
        try {
            return new Receiver();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Answers the n-th request (1-based) with {@code answers.apply(n)}. */
    Receiver answering(IntFunction<Answer> answers) {
        this.answers = answers;
        return this;
    }

    void release() {
        released.countDown();
    }

    long countOf(String eventId) {
        return requests.stream()
                .filter(r -> eventId.equals(r.header("X-SIR-Event-Id")))
                .count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Headers copy = new Headers();
        copy.putAll(exchange.getRequestHeaders());
        requests.add(new Received(
                exchange.getRequestMethod(), exchange.getRequestURI().getPath(), copy, body));
        Answer answer = answers.apply(count.incrementAndGet());
        if (answer.hang()) {
            try {
                released.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        try {
            exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
            exchange.getResponseBody().write(out);
        } catch (IOException gone) {
            // The dispatcher gave up on this request (timeout): nothing to answer.
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
