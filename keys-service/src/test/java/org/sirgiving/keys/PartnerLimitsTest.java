package org.sirgiving.keys;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.sirgiving.events.payload.CredentialData;
import org.sirgiving.kernel.crypto.Crypto;
import org.sirgiving.partnerauth.credentials.CredentialCache;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.PostgresDatabaseResource;

/**
 * Issue 13, defect 9: what a partner may do and spend is bounded — no production request while suspended, a cap on
 * keys per environment that holds under concurrent creates, a lowered rate limit that applies at once, and the
 * rate-limit standing told (without charge) on answers to requests that failed authentication.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class PartnerLimitsTest {
    static final int CAP = 20;

    @Inject
    CredentialCache cache;

    static Response createKey(String token, String name) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"environment\":\"sandbox\"}")
                .post("/v1/partner/keys");
    }

    /** Waits (spending nothing) until this service's credential cache holds the key's new state. */
    void awaitCached(KeyLifecycleTest.Issued k, Predicate<CredentialData> state) {
        await().atMost(KeyLifecycleTest.PROPAGATION)
                .until(() -> cache.byKeyId(k.id()).filter(state).isPresent());
    }

    /** Starts in a minute window with {@code seconds} to spare before it ends. */
    static void freshWindowWith(int seconds) {
        await().atMost(Duration.ofSeconds(65)).until(() -> Instant.now().getEpochSecond() % 60 < 60 - seconds);
    }

    @Test
    void aSuspendedPartnerCannotFileAProductionRequest() {
        KeyLifecycleTest.Issued k = KeyLifecycleTest.issue();
        OperatorDecisionsTest.post(
                        OperatorDecisionsTest.OPERATOR,
                        "/v1/admin/partners/" + k.partnerId() + "/suspend",
                        "{\"reason\":\"chargebacks\"}")
                .then()
                .statusCode(200);
        OperatorDecisionsTest.post(k.token(), "/v1/partner/keys/production-request", OperatorDecisionsTest.REQUEST)
                .then()
                .statusCode(403)
                .body("code", is("PARTNER_SUSPENDED"));
        assertNull(OperatorDecisionsTest.pendingRequestOf(k.partnerId()), "nothing was filed");
    }

    @Test
    void keysPerEnvironmentAreCappedEvenWhenCreatedAllAtOnce() {
        KeyLifecycleTest.Issued first = KeyLifecycleTest.issue();
        ExecutorService threads = Executors.newFixedThreadPool(24);
        List<Response> answers;
        try {
            CompletableFuture<Void> go = new CompletableFuture<>();
            List<CompletableFuture<Response>> calls = IntStream.range(0, 24)
                    .mapToObj(i -> go.thenApplyAsync(x -> createKey(first.token(), "k" + i), threads))
                    .toList();
            go.complete(null);
            answers = calls.stream().map(CompletableFuture::join).toList();
        } finally {
            threads.shutdown();
        }
        Map<Integer, Long> byStatus =
                answers.stream().collect(Collectors.groupingBy(Response::statusCode, Collectors.counting()));
        assertEquals(Map.of(201, (long) CAP - 1, 409, 24L - (CAP - 1)), byStatus);
        answers.stream()
                .filter(r -> r.statusCode() == 409)
                .forEach(r -> r.then()
                        .body("code", is("CONFLICT"))
                        .body("message", containsString("at most " + CAP + " keys per environment"))
                        .body("details.field", hasItem("environment")));
        given().auth()
                .oauth2(first.token())
                .get("/v1/partner/keys")
                .then()
                .statusCode(200)
                .body("size()", is(CAP));

        // A deactivated key still counts (it can be switched back on); a revoked one makes room.
        KeyLifecycleTest.patch(first, "{\"isActive\":false}").then().statusCode(200);
        createKey(first.token(), "one more").then().statusCode(409);
        given().auth()
                .oauth2(first.token())
                .delete("/v1/partner/keys/" + first.id())
                .then()
                .statusCode(204);
        createKey(first.token(), "one more").then().statusCode(201);
        createKey(first.token(), "and another").then().statusCode(409);
    }

    @Test
    void aLeaseIsGrantedUnderThePartnersStoredLimitNotTheCallers() {
        KeyLifecycleTest.Issued k = KeyLifecycleTest.issue();
        OperatorDecisionsTest.settings(k.partnerId(), "{\"rateLimit\":5,\"reason\":\"test\"}")
                .then()
                .statusCode(200);
        // A replica whose cache still has the old limit (600) asks under it.
        String body = "{\"partnerId\":\"" + k.partnerId() + "\",\"environment\":\"sandbox\",\"windowStart\":"
                + RateLeasesTest.WINDOW + ",\"requested\":100,\"limit\":600}";
        given().header("X-Internal-Token", RateLeasesTest.TOKEN)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/internal/v1/rate-leases")
                .then()
                .statusCode(200)
                .body("granted", is(5))
                .body("windowTotal", is(5))
                .body("limit", is(5));
    }

    @Test
    void aLoweredLimitStopsAReplicaSpendingWhatItLeasedBefore() {
        KeyLifecycleTest.Issued k = KeyLifecycleTest.issue();
        freshWindowWith(20);
        // This replica leases a chunk of the 600 (12) and spends one.
        KeyLifecycleTest.widget(k.publicKey())
                .then()
                .statusCode(200)
                .header("X-RateLimit-Limit", is("600"))
                .header("X-RateLimit-Remaining", is("599"));
        OperatorDecisionsTest.settings(k.partnerId(), "{\"rateLimit\":3,\"reason\":\"abuse\"}")
                .then()
                .statusCode(200);
        awaitCached(k, c -> c.rateLimit() == 3);
        // 12 of the window were granted already, more than the new limit: nothing more, here or anywhere.
        KeyLifecycleTest.widget(k.publicKey())
                .then()
                .statusCode(429)
                .body("code", is("RATE_LIMITED"))
                .header("X-RateLimit-Limit", is("3"))
                .header("X-RateLimit-Remaining", is("0"))
                .header("Retry-After", notNullValue());
    }

    @Test
    void answersToFailedAuthenticationTellTheStandingAndSpendNothing() {
        KeyLifecycleTest.Issued k = KeyLifecycleTest.issue();
        OperatorDecisionsTest.settings(k.partnerId(), "{\"ipAllowlist\":[\"203.0.113.7\"],\"reason\":\"test\"}")
                .then()
                .statusCode(200);
        awaitCached(k, c -> c.ipAllowlist().contains("203.0.113.7"));
        freshWindowWith(20);
        Function<String, Response> from = ip -> given().header("X-Partner-Key", k.publicKey())
                .header("X-Real-IP", ip)
                .get("/v1/partner/config");

        Response allowed = from.apply("203.0.113.7");
        allowed.then().statusCode(200);
        String remaining = allowed.header("X-RateLimit-Remaining");
        for (int i = 0; i < 10; i++) {
            from.apply("198.51.100.9")
                    .then()
                    .statusCode(403)
                    .body("code", is("IP_NOT_ALLOWED"))
                    .header("X-RateLimit-Limit", is("600"))
                    .header("X-RateLimit-Remaining", is(remaining))
                    .header("X-RateLimit-Reset", notNullValue());
        }
        from.apply("203.0.113.7")
                .then()
                .statusCode(200)
                .header("X-RateLimit-Remaining", is(String.valueOf(Integer.parseInt(remaining) - 1)));

        // A key nobody issued has no partner whose standing could be told.
        given().header("X-Partner-Key", "pk_test_" + Crypto.randomHex(32))
                .get("/v1/partner/config")
                .then()
                .statusCode(401)
                .body("code", is("INVALID_API_KEY"))
                .header("X-RateLimit-Limit", nullValue());
    }
}
