package org.sirgiving.rewards.support;

import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.sirgiving.testinfra.SignedRequests;

/** Creates under an {@code Idempotency-Key} header, signed with the partner's secret key; one at a time or at once. */
public final class KeyedRequests {

    public static Response post(Fixtures.Tenant t, String path, String idempotencyKey, String body) {
        return SignedRequests.send(
                t.partner().keys(), true, "POST", path, body, Map.of("Idempotency-Key", idempotencyKey));
    }

    /** {@code n} identical requests sent at the same moment (each on its own thread); their responses. */
    public static List<Response> concurrently(
            int n, Fixtures.Tenant t, String path, String idempotencyKey, String body) {
        ExecutorService threads = Executors.newFixedThreadPool(n);
        try {
            CompletableFuture<Void> start = new CompletableFuture<>();
            List<CompletableFuture<Response>> sent = IntStream.range(0, n)
                    .mapToObj(i -> start.thenApplyAsync(go -> post(t, path, idempotencyKey, body), threads))
                    .toList();
            start.complete(null);
            return sent.stream().map(Fixtures::join).toList();
        } finally {
            threads.shutdown();
        }
    }

    /**
     * Exactly one answer is 201; every other is 409 IDEMPOTENT replaying it (never a 5xx, whatever the timing).
     * Returns the created resource's id.
     */
    public static String assertOneCreatedTheRestReplayed(List<Response> answers) {
        List<Response> created =
                answers.stream().filter(r -> r.statusCode() == 201).toList();
        assertEquals(
                1,
                created.size(),
                "statuses " + answers.stream().map(Response::statusCode).toList());
        String id = created.get(0).path("id");
        answers.stream()
                .filter(r -> r != created.get(0))
                .forEach(r -> r.then()
                        .statusCode(409)
                        .body("code", is("IDEMPOTENT"))
                        .header("Idempotent-Replayed", "true")
                        .body("result.id", is(id)));
        return id;
    }

    private KeyedRequests() {}
}
