package org.sirgiving.keys;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.Topics;
import org.sirgiving.keys.service.ExpiryNotices;
import org.sirgiving.testinfra.EventSchemas;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.PostgresDatabaseResource;
import org.sirgiving.testinfra.SignedRequests;
import org.sirgiving.testinfra.TestJwt;
import org.sirgiving.testinfra.TopicReader;

@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class KeyLifecycleTest {
    static final Duration PROPAGATION = Duration.ofSeconds(2);

    @Inject
    ExpiryNotices expiryNotices;

    record Issued(String token, String id, String partnerId, String publicKey) {}

    static Issued issue() {
        String token = TestJwt.token("user-" + UUID.randomUUID());
        Response r = given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"backend\",\"environment\":\"sandbox\"}")
                .post("/v1/partner/keys");
        r.then().statusCode(201);
        return new Issued(token, r.path("id"), r.path("partnerId"), r.path("publicKey"));
    }

    static Response patch(Issued k, String body) {
        return given().auth()
                .oauth2(k.token())
                .contentType(ContentType.JSON)
                .body(body)
                .patch("/v1/partner/keys/" + k.id());
    }

    static Response widget(String publicKey) {
        return given().header("X-Partner-Key", publicKey).get("/v1/partner/config");
    }

    @Test
    void theWidgetConfigAnswersToAPublishableKeyAlone() {
        Issued k = issue();
        widget(k.publicKey())
                .then()
                .statusCode(200)
                .body("id", is(k.partnerId()))
                .body("isActive", is(true))
                .body("enabledFeatures", hasItem("ACTIONS"))
                .body("tipConfig.enabled", is(false))
                .header("X-RateLimit-Limit", is("600"))
                .header("X-RateLimit-Remaining", notNullValue())
                .header("X-RateLimit-Reset", notNullValue());
    }

    @Test
    void aSecretKeyIsAcceptedOnTheWidgetSurfaceOnlySigned() {
        String token = TestJwt.token("user-" + UUID.randomUUID());
        Response r = given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"backend\",\"environment\":\"sandbox\"}")
                .post("/v1/partner/keys");
        r.then().statusCode(201);
        SignedRequests.PartnerKeys keys =
                new SignedRequests.PartnerKeys(r.path("publicKey"), r.path("secretKey"), r.path("hmacSecret"));
        String partnerId = r.path("partnerId");

        widget(keys.secretKey()).then().statusCode(401).body("code", is("MISSING_CREDENTIALS"));
        given().header("X-Partner-Key", keys.secretKey())
                .header("X-Timestamp", Long.toString(System.currentTimeMillis() / 1000))
                .header("X-Signature", "0".repeat(64))
                .get("/v1/partner/config")
                .then()
                .statusCode(401)
                .body("code", is("INVALID_SIGNATURE"));
        SignedRequests.send(keys, true, "GET", "/v1/partner/config", null)
                .then()
                .statusCode(200)
                .body("id", is(partnerId));
        widget(keys.publicKey()).then().statusCode(200);
    }

    @Test
    void aKeyCanBeRenamedDeactivatedAndReactivated() {
        Issued k = issue();
        patch(k, "{\"name\":\"renamed\"}")
                .then()
                .statusCode(200)
                .body("name", is("renamed"))
                .body("isActive", is(true));
        patch(k, "{\"isActive\":false}").then().statusCode(200).body("isActive", is(false));
        await().atMost(PROPAGATION)
                .untilAsserted(
                        () -> widget(k.publicKey()).then().statusCode(403).body("code", is("KEY_INACTIVE")));
        patch(k, "{\"isActive\":true}").then().statusCode(200);
        await().atMost(PROPAGATION)
                .untilAsserted(() -> widget(k.publicKey()).then().statusCode(200));
        given().auth()
                .oauth2(k.token())
                .get("/v1/partner/keys/" + k.id())
                .then()
                .statusCode(200)
                .body("name", is("renamed"))
                .body("secretKey", nullValue())
                .body("hmacSecret", nullValue());
    }

    @Test
    void anExpiredKeyStopsWorkingAndBadExpiriesAreRefused() {
        Issued k = issue();
        patch(k, "{\"expiresAt\":\"2001-01-01T00:00:00Z\"}")
                .then()
                .statusCode(400)
                .body("code", is("VALIDATION_FAILED"))
                .body("details[0].field", is("expiresAt"));
        patch(k, "{\"expiresAt\":\"next tuesday\"}").then().statusCode(400).body("details[0].field", is("expiresAt"));
        patch(k, "{\"name\":\"\",\"isActive\":\"yes\"}")
                .then()
                .statusCode(400)
                .body("details.field", hasItem("name"))
                .body("details.field", hasItem("isActive"));

        String soon = Instant.now().plusSeconds(2).toString();
        patch(k, "{\"expiresAt\":\"" + soon + "\"}").then().statusCode(200).body("expiresAt", notNullValue());
        await().atMost(Duration.ofSeconds(6))
                .untilAsserted(
                        () -> widget(k.publicKey()).then().statusCode(403).body("code", is("KEY_EXPIRED")));
        patch(k, "{\"expiresAt\":null}").then().statusCode(200).body("expiresAt", nullValue());
        await().atMost(PROPAGATION)
                .untilAsserted(() -> widget(k.publicKey()).then().statusCode(200));
    }

    @Test
    void aRevokedKeyIsGoneEverywhere() {
        Issued k = issue();
        given().auth()
                .oauth2(k.token())
                .delete("/v1/partner/keys/" + k.id())
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(k.token())
                .get("/v1/partner/keys/" + k.id())
                .then()
                .statusCode(404)
                .body("code", is("NOT_FOUND"));
        given().auth()
                .oauth2(k.token())
                .get("/v1/partner/keys")
                .then()
                .statusCode(200)
                .body("id", not(hasItem(k.id())));
        await().atMost(PROPAGATION)
                .untilAsserted(
                        () -> widget(k.publicKey()).then().statusCode(401).body("code", is("INVALID_API_KEY")));
        given().auth()
                .oauth2(k.token())
                .delete("/v1/partner/keys/" + k.id())
                .then()
                .statusCode(404);
    }

    @Test
    void anotherUsersKeysAreNotFound() {
        Issued mine = issue();
        Issued theirs = issue();
        given().auth()
                .oauth2(mine.token())
                .get("/v1/partner/keys/" + theirs.id())
                .then()
                .statusCode(404);
        patch(new Issued(mine.token(), theirs.id(), null, null), "{\"name\":\"x\"}")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(mine.token())
                .delete("/v1/partner/keys/" + theirs.id())
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(theirs.token())
                .get("/v1/partner/keys/" + theirs.id())
                .then()
                .statusCode(200);
    }

    @Test
    void partnerInfoAndMeDescribeTheSignedInUsersPartner() {
        Issued k = issue();
        given().auth()
                .oauth2(k.token())
                .get("/v1/partner/keys/partner-info")
                .then()
                .statusCode(200)
                .body("id", is(k.partnerId()))
                .body("status", is("PENDING_APPROVAL"))
                .body("tier", is("STANDARD"))
                .body("rateLimit", is(600));
        given().auth()
                .oauth2(k.token())
                .get("/v1/partner/auth/me")
                .then()
                .statusCode(200)
                .body("partner.id", is(k.partnerId()))
                .body("activePublishableKey", is(k.publicKey()));
        given().auth()
                .oauth2(TestJwt.token("newcomer-" + UUID.randomUUID()))
                .get("/v1/partner/auth/me")
                .then()
                .statusCode(200)
                .body("partner", nullValue())
                .body("user.subject", notNullValue());
    }

    @Test
    void aKeyNearItsExpiryIsAnnouncedOnce() throws Throwable {
        Issued k = issue();
        String in3Days = Instant.now().plus(Duration.ofDays(3)).toString();
        patch(k, "{\"expiresAt\":\"" + in3Days + "\"}").then().statusCode(200);
        // The scheduler runs every minute; ask for the due notices now instead of waiting.
        assertTrue(VertxContextSupport.subscribeAndAwait(() -> expiryNotices.notifyDue()) >= 1);
        EventEnvelope e = TopicReader.awaitEvent(
                KafkaBrokerResource.bootstrapServers(),
                Topics.REWARD_LIFECYCLE,
                ev -> isExpiryNoticeOf(ev, k),
                Duration.ofSeconds(20));
        assertEquals(k.partnerId(), e.partnerId());
        EventSchemas.CLOSED.assertMatches(e);
        VertxContextSupport.subscribeAndAwait(() -> expiryNotices.notifyDue());
        assertEquals(
                1,
                TopicReader.count(
                        KafkaBrokerResource.bootstrapServers(),
                        Topics.REWARD_LIFECYCLE,
                        ev -> isExpiryNoticeOf(ev, k),
                        Duration.ofSeconds(3)),
                "a second run announces nothing new for this key");
    }

    private static boolean isExpiryNoticeOf(EventEnvelope event, Issued k) {
        return event.type().equals(EventTypes.API_KEY_EXPIRING)
                && k.id().equals(event.data().path("keyId").asText());
    }
}
