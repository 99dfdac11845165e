package org.sirgiving.keys;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.Topics;
import org.sirgiving.events.payload.CredentialData;
import org.sirgiving.kernel.crypto.Crypto;
import org.sirgiving.testinfra.EventSchemas;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.PostgresDatabaseResource;
import org.sirgiving.testinfra.TestJwt;
import org.sirgiving.testinfra.TopicReader;

@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class KeyIssuanceTest {

    private static String user() {
        return "user-" + UUID.randomUUID();
    }

    private static Response createKey(String token, String body) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/partner/keys");
    }

    @Test
    void firstKeyCreatesThePartnerAndReturnsTheSecretsOnce() {
        String token = TestJwt.token(user());
        Response created =
                createKey(token, "{\"name\":\"Shop backend\",\"environment\":\"sandbox\",\"keyType\":\"standard\"}");
        created.then()
                .statusCode(201)
                .header("X-Request-Id", matchesPattern("req_[0-9a-f]{24}"))
                .body("id", matchesPattern("key_[0-9a-f]{24}"))
                .body("partnerId", matchesPattern("ptn_[0-9a-f]{24}"))
                .body("environment", is("sandbox"))
                .body("publicKey", matchesPattern("pk_test_[0-9a-f]{64}"))
                .body("secretKey", matchesPattern("sk_test_[0-9a-f]{64}"))
                .body("hmacSecret", matchesPattern("[0-9a-f]{64}"));

        String secretKey = created.path("secretKey");
        given().auth()
                .oauth2(token)
                .get("/v1/partner/keys")
                .then()
                .statusCode(200)
                .body("id", hasItem(created.<String>path("id")))
                .body("secretKey", everyItem(nullValue()))
                .body("hmacSecret", everyItem(nullValue()))
                .body("publicKey", hasItem(created.<String>path("publicKey")))
                .body(not(containsString(secretKey)));
    }

    @Test
    void secondKeyBelongsToTheSamePartner() {
        String token = TestJwt.token(user());
        String first = createKey(token, "{\"name\":\"a\",\"environment\":\"sandbox\"}")
                .then()
                .statusCode(201)
                .extract()
                .path("partnerId");
        String second = createKey(token, "{\"name\":\"b\",\"environment\":\"sandbox\"}")
                .then()
                .statusCode(201)
                .extract()
                .path("partnerId");
        assertEquals(first, second);
    }

    @Test
    void theEnvironmentIsAcceptedInAnyCaseAndAnsweredInTheContractsSpelling() {
        createKey(TestJwt.token(user()), "{\"name\":\"mixed\",\"environment\":\"SandBox\"}")
                .then()
                .statusCode(201)
                .body("environment", is("sandbox"))
                .body("keyType", is("standard"))
                .body("publicKey", matchesPattern("pk_test_[0-9a-f]{64}"));
    }

    @Test
    void concurrentFirstKeysOfOneUserShareOnePartner() {
        String token = TestJwt.token(user());
        List<CompletableFuture<Response>> calls = IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.supplyAsync(
                        () -> createKey(token, "{\"name\":\"k" + i + "\",\"environment\":\"sandbox\"}")))
                .toList();
        Set<String> partners = calls.stream()
                .map(CompletableFuture::join)
                .map(r -> r.then().statusCode(201).extract().<String>path("partnerId"))
                .collect(Collectors.toSet());
        assertEquals(1, partners.size(), "one partner per user, whichever call created it");
    }

    @Test
    void productionKeyBeforeApprovalIsRefused() {
        createKey(TestJwt.token(user()), "{\"name\":\"live\",\"environment\":\"production\"}")
                .then()
                .statusCode(403)
                .body("code", is("PARTNER_NOT_APPROVED"))
                .body("requestId", notNullValue());
    }

    @Test
    void invalidBodiesGetFieldLevelErrors() {
        String token = TestJwt.token(user());
        createKey(token, "{\"environment\":\"staging\"}")
                .then()
                .statusCode(400)
                .body("code", is("VALIDATION_FAILED"))
                .body("details.field", hasItem("name"))
                .body("details.find { it.field == 'environment' }.message", is("must be sandbox or production"));
        createKey(token, "{\"name\":").then().statusCode(400).body("code", is("INVALID_JSON"));
        given().auth()
                .oauth2(token)
                .contentType(ContentType.TEXT)
                .body("name=x")
                .post("/v1/partner/keys")
                .then()
                .statusCode(415)
                .body("code", is("UNSUPPORTED_MEDIA_TYPE"));
    }

    @Test
    void missingOrForgedTokenIsRefusedWithTheContractBody() {
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"environment\":\"sandbox\"}")
                .post("/v1/partner/keys")
                .then()
                .statusCode(401)
                .body("code", is("INVALID_TOKEN"));
        given().auth()
                .oauth2("not-a-jwt")
                .get("/v1/partner/keys")
                .then()
                .statusCode(401)
                .body("code", is("INVALID_TOKEN"));
    }

    @Test
    void issuedKeyIsPublishedWithoutSecretsInClear() {
        Response created = createKey(TestJwt.token(user()), "{\"name\":\"pub\",\"environment\":\"sandbox\"}");
        String keyId = created.path("id");
        String secretKey = created.path("secretKey");
        String hmacSecret = created.path("hmacSecret");

        EventEnvelope event = TopicReader.awaitEvent(
                KafkaBrokerResource.bootstrapServers(),
                Topics.CREDENTIALS,
                e -> keyId.equals(e.data().path("keyId").asText()),
                Duration.ofSeconds(20));
        assertEquals(EventTypes.CREDENTIAL_UPDATED, event.type());
        EventSchemas.CLOSED.assertMatches(event);
        CredentialData data = event.dataAs(CredentialData.class);
        assertEquals(Crypto.sha256Hex(secretKey), data.secretKeyHash());
        assertEquals(created.<String>path("publicKey"), data.publicKey());
        String raw = event.data().toString();
        assertFalse(raw.contains(secretKey));
        assertFalse(raw.contains(hmacSecret));
    }
}
