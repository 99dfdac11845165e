package org.sirgiving.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed action submissions through the gateway of a running suite, as partners send them: latency percentiles of
 * the synchronous answer and throughput, for a number of requests at a given concurrency.
 * Usage: SubmitBench <gateway> <jwt> <requests> <concurrency>  (bench/run prepares everything).
 */
public final class SubmitBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        String gateway = args[0];
        String jwt = args[1];
        int requests = Integer.parseInt(args[2]);
        int concurrency = Integer.parseInt(args[3]);

        HttpResponse<String> issued = HTTP.send(
                HttpRequest.newBuilder(URI.create(gateway + "/v1/partner/keys"))
                        .header("Authorization", "Bearer " + jwt)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench\",\"environment\":\"sandbox\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (issued.statusCode() != 201) {
            throw new IllegalStateException("key creation: " + issued.statusCode() + " " + issued.body());
        }
        JsonNode key = JSON.readTree(issued.body());
        String sk = key.path("secretKey").asText();
        String hmac = key.path("hmacSecret").asText();

        // Warm-up: caches, JIT, connection pools (not measured).
        for (int i = 0; i < 20; i++) {
            submit(gateway, sk, hmac);
        }
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            futures.add(pool.submit(() -> {
                long t0 = System.nanoTime();
                int status = submit(gateway, sk, hmac);
                latencies.add((System.nanoTime() - t0) / 1_000);
                statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf(
                "requests=%d concurrency=%d seconds=%.2f throughput=%.1f/s%n",
                requests, concurrency, seconds, requests / seconds);
        System.out.printf(
                "latency_ms p50=%.1f p95=%.1f p99=%.1f max=%.1f%n",
                pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), sorted.get(sorted.size() - 1) / 1000.0);
        System.out.println("statuses=" + new TreeMap<>(statuses));
    }

    private static double pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1000.0;
    }

    private static int submit(String gateway, String sk, String hmac) throws Exception {
        String body =
                "{\"idempotencyKey\":\"bench_" + UUID.randomUUID() + "\",\"actionType\":\"PURCHASE\",\"amount\":1.00,"
                        + "\"currency\":\"USD\",\"stakeholders\":[{\"stakeholderTypeCode\":\"CUSTOMER\",\"partnerUserId\":\"bench-user\"}],"
                        + "\"autoCreateUsers\":true}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String ts = Long.toString(System.currentTimeMillis() / 1000);
        String path = "/v1/partner/actions/submit";
        String bodyHash =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(hmac.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String sig =
                HexFormat.of().formatHex(mac.doFinal((ts + "POST" + path + bodyHash).getBytes(StandardCharsets.UTF_8)));
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create(gateway + path))
                                .timeout(Duration.ofSeconds(30))
                                .header("X-Partner-Key", sk)
                                .header("X-Timestamp", ts)
                                .header("X-Signature", sig)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private SubmitBench() {}
}
