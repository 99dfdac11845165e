package org.sirgiving.keys;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sirgiving.keys.OperatorDecisionsTest.OPERATOR;
import static org.sirgiving.keys.OperatorDecisionsTest.partnerWithRequest;
import static org.sirgiving.keys.OperatorDecisionsTest.pendingRequestOf;
import static org.sirgiving.keys.OperatorDecisionsTest.post;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.Topics;
import org.sirgiving.events.payload.CredentialData;
import org.sirgiving.partnerauth.credentials.CredentialCache;
import org.sirgiving.testinfra.EventSchemas;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.PostgresDatabaseResource;
import org.sirgiving.testinfra.SignedRequests;
import org.sirgiving.testinfra.TestJwt;

/**
 * The widget settings (docs/partner-api.md section 7): {@code PATCH /v1/partner/config} per (partner, environment),
 * their way to every verifier on {@code sir.credentials.v1}, and the CORS they decide for publishable-key calls
 * (libs/partner-auth WidgetCors), seen through keys-service's own widget endpoint.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class WidgetSettingsTest {
    static final Duration PROPAGATION = Duration.ofSeconds(5);

    @Inject
    CredentialCache cache;

    record Key(String id, String partnerId, SignedRequests.PartnerKeys keys) {}

    static Key create(String token, String environment) {
        Response r = post(token, "/v1/partner/keys", "{\"name\":\"web\",\"environment\":\"" + environment + "\"}");
        r.then().statusCode(201);
        return new Key(
                r.path("id"),
                r.path("partnerId"),
                new SignedRequests.PartnerKeys(r.path("publicKey"), r.path("secretKey"), r.path("hmacSecret")));
    }

    static Key sandboxKey() {
        return create(TestJwt.token("widget-" + System.nanoTime()), "sandbox");
    }

    /** A partner approved for production, with one key in each environment. */
    static Key[] approvedPartnerKeys() {
        KeyLifecycleTest.Issued k = partnerWithRequest();
        post(
                        OPERATOR,
                        "/v1/admin/partners/production-requests/" + pendingRequestOf(k.partnerId()) + "/approve",
                        "{\"tier\":\"STANDARD\"}")
                .then()
                .statusCode(200);
        return new Key[] {create(k.token(), "sandbox"), create(k.token(), "production")};
    }

    static Response patch(Key k, String body) {
        return SignedRequests.send(k.keys(), true, "PATCH", "/v1/partner/config", body);
    }

    static Response widget(Key k, String origin) {
        var request = given().header("X-Partner-Key", k.keys().publicKey());
        if (origin != null) {
            request = request.header("Origin", origin);
        }
        return request.get("/v1/partner/config");
    }

    void awaitCached(Key k, Predicate<CredentialData> state) {
        await().atMost(PROPAGATION)
                .until(() -> cache.byKeyId(k.id()).filter(state).isPresent());
    }

    @Test
    void settingsBelongToTheSecretKeysEnvironmentAlone() {
        Key[] keys = approvedPartnerKeys();
        Key sandbox = keys[0];
        Key production = keys[1];
        patch(
                        sandbox,
                        "{\"tipConfig\":{\"enabled\":true,\"defaultPercent\":10},"
                                + "\"allowedOrigins\":[\"http://localhost:3000\",\"HTTPS://Shop.Example:443\"]}")
                .then()
                .statusCode(200)
                .body("tipConfig.enabled", is(true))
                .body("tipConfig.defaultPercent", is(10))
                .body("allowedOrigins", is(List.of("http://localhost:3000", "https://shop.example")));

        widget(sandbox, null)
                .then()
                .statusCode(200)
                .body("tipConfig.enabled", is(true))
                .body("tipConfig.defaultPercent", is(10))
                .body("allowedOrigins", is(List.of("http://localhost:3000", "https://shop.example")));
        widget(production, null)
                .then()
                .statusCode(200)
                .body("tipConfig.enabled", is(false))
                .body("tipConfig.defaultPercent", is(0))
                .body("allowedOrigins", empty());

        // Production's own change; a field left out stays as it was.
        patch(production, "{\"allowedOrigins\":[\"https://shop.example\"]}")
                .then()
                .statusCode(200)
                .body("tipConfig.enabled", is(false))
                .body("allowedOrigins", is(List.of("https://shop.example")));
        patch(sandbox, "{\"tipConfig\":{\"enabled\":false,\"defaultPercent\":0}}")
                .then()
                .statusCode(200)
                .body("allowedOrigins", is(List.of("http://localhost:3000", "https://shop.example")));
        widget(production, null).then().statusCode(200).body("allowedOrigins", is(List.of("https://shop.example")));
        widget(sandbox, null).then().statusCode(200).body("tipConfig.enabled", is(false));
    }

    @Test
    void invalidSettingsAreRefusedWithEveryBadFieldNamed() {
        Key[] keys = approvedPartnerKeys();
        patch(
                        keys[0],
                        "{\"tipConfig\":{\"enabled\":true,\"defaultPercent\":101},"
                                + "\"allowedOrigins\":[\"https://shop.example\",\"https://shop.example/checkout\","
                                + "\"*\"]}")
                .then()
                .statusCode(400)
                .body("code", is("VALIDATION_FAILED"))
                .body("details.field", hasItem("tipConfig.defaultPercent"));
        patch(keys[0], "{\"allowedOrigins\":[\"https://shop.example\",\"https://shop.example/checkout\",\"*\"]}")
                .then()
                .statusCode(400)
                .body("code", is("VALIDATION_FAILED"))
                .body("details.field", is(List.of("allowedOrigins[1]", "allowedOrigins[2]")))
                .body("details[0].message", containsString("scheme://host[:port]"));
        patch(keys[0], "{\"tipConfig\":{\"defaultPercent\":5}}")
                .then()
                .statusCode(400)
                .body("details.field", hasItem("tipConfig.enabled"));
        patch(keys[1], "{\"allowedOrigins\":[\"http://shop.example\"]}")
                .then()
                .statusCode(400)
                .body("details[0].field", is("allowedOrigins[0]"))
                .body("details[0].message", is("must be https for production keys"));
        // Nothing was changed by the refused requests.
        widget(keys[0], null)
                .then()
                .statusCode(200)
                .body("tipConfig.enabled", is(false))
                .body("allowedOrigins", empty());
    }

    @Test
    void onlyTheSignedSecretKeyMayChangeTheSettings() {
        Key k = sandboxKey();
        SignedRequests.send(k.keys(), false, "PATCH", "/v1/partner/config", "{\"allowedOrigins\":[]}")
                .then()
                .statusCode(403)
                .body("code", is("SECRET_KEY_REQUIRED"));
        given().header("X-Partner-Key", k.keys().publicKey())
                .contentType("application/json")
                .body("{\"allowedOrigins\":[]}")
                .patch("/v1/partner/config")
                .then()
                .statusCode(401)
                .body("code", is("MISSING_CREDENTIALS"));
    }

    @Test
    void theSettingsReachEveryVerifierWithTheKeysOfThatEnvironment() {
        Key[] keys = approvedPartnerKeys();
        patch(
                        keys[1],
                        "{\"tipConfig\":{\"enabled\":true,\"defaultPercent\":15},"
                                + "\"allowedOrigins\":[\"https://shop.example\"]}")
                .then()
                .statusCode(200);
        awaitCached(
                keys[1],
                c -> c.tipEnabled()
                        && c.tipDefaultPercent() == 15
                        && c.allowedOrigins().equals(List.of("https://shop.example")));
        CredentialData sandbox = cache.byKeyId(keys[0].id()).orElseThrow();
        assertEquals(List.of(), sandbox.allowedOrigins());
        assertEquals(false, sandbox.tipEnabled());

        EventEnvelope published = org.sirgiving.testinfra.TopicReader.awaitEvent(
                KafkaBrokerResource.bootstrapServers(),
                Topics.CREDENTIALS,
                e -> e.type().equals(EventTypes.CREDENTIAL_UPDATED)
                        && e.dataAs(CredentialData.class).keyId().equals(keys[1].id())
                        && e.dataAs(CredentialData.class).tipEnabled(),
                PROPAGATION);
        EventSchemas.CLOSED.assertMatches(published);
    }

    @Test
    void concurrentFirstChangesAreAllAppliedOneAfterTheOther() {
        Key k = sandboxKey();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Response> answers;
        try {
            CompletableFuture<Void> go = new CompletableFuture<>();
            List<CompletableFuture<Response>> calls = IntStream.range(0, 8)
                    .mapToObj(i -> go.thenApplyAsync(
                            x -> patch(k, "{\"tipConfig\":{\"enabled\":true,\"defaultPercent\":" + i + "}}"), threads))
                    .toList();
            go.complete(null);
            answers = calls.stream().map(CompletableFuture::join).toList();
        } finally {
            threads.shutdown();
        }
        answers.forEach(r -> r.then().statusCode(200));
        int stored = widget(k, null).then().statusCode(200).extract().path("tipConfig.defaultPercent");
        // The last change decided is the last one published: every verifier ends with the stored value.
        awaitCached(k, c -> c.tipEnabled() && c.tipDefaultPercent() == stored);
    }

    @Test
    void aPreflightIsAnsweredForAnyOriginWithTheWidgetsMethodsAndHeaders() {
        given().header("Origin", "https://anyone.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "x-partner-key, content-type")
                .options("/v1/partner/config")
                .then()
                .statusCode(204)
                .header("Access-Control-Allow-Origin", "https://anyone.example")
                .header("Access-Control-Allow-Methods", "GET, POST")
                .header("Access-Control-Allow-Headers", "X-Partner-Key, Content-Type, Idempotency-Key")
                .header("Access-Control-Max-Age", "600")
                .header("Vary", "Origin");
    }

    @Test
    void anAllowedOriginIsAnsweredWithCorsHeadersAndAnyOtherWith403() {
        Key k = sandboxKey();
        patch(k, "{\"allowedOrigins\":[\"https://shop.example\"]}").then().statusCode(200);
        awaitCached(k, c -> c.allowedOrigins().contains("https://shop.example"));

        widget(k, "https://shop.example")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", "https://shop.example")
                .header("Vary", "Origin")
                .header("Access-Control-Expose-Headers", containsString("X-RateLimit-Remaining"))
                .header("Access-Control-Expose-Headers", containsString("X-Request-Id"));

        widget(k, "https://evil.example")
                .then()
                .statusCode(403)
                .body("code", is("ORIGIN_NOT_ALLOWED"))
                .body("message", containsString("https://evil.example"))
                .body("message", containsString("PATCH /v1/partner/config"))
                .header("Access-Control-Allow-Origin", "https://evil.example")
                .header("X-RateLimit-Limit", is("600"));
        // Once origins are listed, loopback pages are no longer allowed by default.
        widget(k, "http://localhost:5173").then().statusCode(403).body("code", is("ORIGIN_NOT_ALLOWED"));
    }

    @Test
    void anAllowedOriginCanReadTheErrorsOfItsCallsToo() {
        Key k = sandboxKey();
        OperatorDecisionsTest.settings(k.partnerId(), "{\"rateLimit\":1,\"reason\":\"test\"}")
                .then()
                .statusCode(200);
        awaitCached(k, c -> c.rateLimit() == 1);
        PartnerLimitsTest.freshWindowWith(10);
        widget(k, "http://localhost:5173").then().statusCode(200);
        widget(k, "http://localhost:5173")
                .then()
                .statusCode(429)
                .body("code", is("RATE_LIMITED"))
                .header("Access-Control-Allow-Origin", "http://localhost:5173")
                .header("Access-Control-Expose-Headers", containsString("Retry-After"));
    }

    @Test
    void aCallWithoutOriginIsNotACorsRequest() {
        Key k = sandboxKey();
        patch(k, "{\"allowedOrigins\":[\"https://shop.example\"]}").then().statusCode(200);
        awaitCached(k, c -> c.allowedOrigins().contains("https://shop.example"));
        widget(k, null).then().statusCode(200).header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void aSandboxKeyWithoutOriginsAllowsLoopbackPagesOnly() {
        Key k = sandboxKey();
        widget(k, "http://localhost:5173")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:5173");
        widget(k, "http://127.0.0.1:8000")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", "http://127.0.0.1:8000");
        widget(k, "https://shop.example").then().statusCode(403).body("code", is("ORIGIN_NOT_ALLOWED"));
    }

    @Test
    void aProductionKeyWithoutOriginsRefusesEveryBrowserPage() {
        Key production = approvedPartnerKeys()[1];
        widget(production, "http://localhost:5173")
                .then()
                .statusCode(403)
                .body("code", is("ORIGIN_NOT_ALLOWED"))
                .header("Access-Control-Allow-Origin", "http://localhost:5173");
        widget(production, null).then().statusCode(200);
    }
}
