package org.sirgiving.rewards;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sirgiving.partnerauth.signing.RequestSigning;
import org.sirgiving.rewards.support.Fixtures;
import org.sirgiving.rewards.support.KeyedRequests;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.PostgresDatabaseResource;
import org.sirgiving.testinfra.SignedRequests;

/**
 * Requests a careless or hostile client sends: each gets a prompt 4xx in the contract's body (docs/partner-api.md
 * section 9), never a 5xx, a hang, or a stored value other than the one sent.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
class HostileInputTest {

    private static Response send(Fixtures.Tenant t, boolean secret, String method, String path, String body) {
        return SignedRequests.sendPromptly(t.partner().keys(), secret, method, path, body);
    }

    private static void refused(Response r, String code, String field) {
        r.then().statusCode(400).body("code", is(code)).body("requestId", notNullValue());
        if (field != null) {
            r.then().body("details.field", hasItem(field));
        }
    }

    @Test
    void anEmptyBodyIsRefusedAtOnce() {
        Fixtures.Tenant t = Fixtures.sandboxTenant();
        for (String path : List.of("/v1/partner/campaigns", "/v1/partner/users", "/v1/partner/token-pools/request")) {
            send(t, true, "POST", path, "")
                    .then()
                    .statusCode(400)
                    .body("code", is("VALIDATION_FAILED"))
                    .body("message", is("A request body is required"))
                    .body("details.field", hasItem("body"));
        }
    }

    @Test
    void identifiersThatCannotBeStoredFaithfullyAreRefusedInsteadOfAliased() {
        Fixtures.Tenant t = Fixtures.sandboxTenant();
        // Lone surrogates would be stored as "?", making these three one user.
        refused(
                send(t, true, "POST", "/v1/partner/users", "{\"externalId\":\"\\ud800col\"}"),
                "VALIDATION_FAILED",
                "externalId");
        refused(
                send(t, true, "POST", "/v1/partner/users", "{\"partnerUserId\":\"\\udbffcol\"}"),
                "VALIDATION_FAILED",
                "externalId");
        send(t, true, "POST", "/v1/partner/users", "{\"externalId\":\"?col\"}")
                .then()
                .statusCode(201);
        // A surrogate pair is a real character and is kept as sent.
        send(t, true, "POST", "/v1/partner/users", "{\"externalId\":\"\\ud83d\\ude00col\"}")
                .then()
                .statusCode(201)
                .body("externalId", is("\ud83d\ude00col"));
        Fixtures.signed(t, false, "GET", "/v1/partner/users", null).then().body("total", is(2));

        refused(
                send(t, true, "POST", "/v1/partner/users", "{\"externalId\":\"nul\\u0000id\"}"),
                "VALIDATION_FAILED",
                "externalId");
        refused(
                send(t, true, "POST", "/v1/partner/users", "{\"externalId\":\"tab\\tid\"}"),
                "VALIDATION_FAILED",
                "externalId");
        refused(
                send(t, true, "POST", "/v1/partner/users", "{\"externalId\":\"bell\\u0007\"}"),
                "VALIDATION_FAILED",
                "externalId");
        // Free text keeps newlines but never U+0000 or a lone surrogate, wherever it is in the body.
        send(t, true, "POST", "/v1/partner/users", "{\"externalId\":\"free\",\"firstName\":\"Ada\\nLovelace\"}")
                .then()
                .statusCode(201);
        refused(
                send(t, true, "POST", "/v1/partner/users", "{\"externalId\":\"f2\",\"firstName\":\"A\\u0000\"}"),
                "VALIDATION_FAILED",
                "firstName");
        refused(
                send(
                        t,
                        true,
                        "POST",
                        "/v1/partner/users",
                        "{\"externalId\":\"f3\",\"metadata\":{\"a\":[\"\\udc00\"]}}"),
                "VALIDATION_FAILED",
                "metadata.a[0]");
        refused(
                send(t, true, "PATCH", "/v1/partner/users/free", "{\"lastName\":\"\\u0000\"}"),
                "VALIDATION_FAILED",
                "lastName");
        refused(
                send(
                        t,
                        true,
                        "POST",
                        "/v1/partner/campaigns",
                        "{\"name\":\"x\\u0000\",\"actionTypes\":[\"PURCHASE\"],\"multiplier\":1}"),
                "VALIDATION_FAILED",
                "name");

        // In the path and the query: percent-encoded NUL, a lone surrogate's bytes, a control character.
        refused(send(t, false, "GET", "/v1/partner/users/nul%00id", null), "VALIDATION_FAILED", "path");
        refused(
                send(t, true, "PATCH", "/v1/partner/users/nul%00id", "{\"firstName\":\"A\"}"),
                "VALIDATION_FAILED",
                "path");
        refused(send(t, false, "GET", "/v1/partner/users/%ED%A0%80col/balance", null), "VALIDATION_FAILED", "path");
        refused(send(t, false, "GET", "/v1/partner/users/a%0Ab", null), "VALIDATION_FAILED", "path");
        refused(send(t, false, "GET", "/v1/partner/campaigns?status=%00", null), "VALIDATION_FAILED", "status");
        refused(send(t, false, "GET", "/v1/partner/users?page=%FF", null), "VALIDATION_FAILED", "page");
    }

    @Test
    void anExternalIdThatWouldReadAsADotSegmentInItsUrlIsRefused() {
        Fixtures.Tenant t = Fixtures.sandboxTenant();
        for (String id : List.of(".", "..", "./a", "../a", ".\\\\a", "..\\\\..\\\\windows")) {
            refused(
                    send(t, true, "POST", "/v1/partner/users", "{\"externalId\":\"" + id + "\"}"),
                    "VALIDATION_FAILED",
                    "externalId");
        }
        // Dots elsewhere are ordinary characters, and such a user is reachable by its id.
        for (String id : List.of("...", ".hidden", "a..b", "a/../b", "..a")) {
            send(t, true, "POST", "/v1/partner/users", "{\"externalId\":\"" + id + "\"}")
                    .then()
                    .statusCode(201);
            Fixtures.signed(
                            t,
                            false,
                            "GET",
                            "/v1/partner/users/"
                                    + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8),
                            null)
                    .then()
                    .statusCode(200)
                    .body("externalId", is(id));
        }
    }

    @Test
    void pagesAndDatesOutsideTheirBoundsAre400sNamingTheParameter() {
        Fixtures.Tenant t = Fixtures.sandboxTenant();
        send(t, true, "POST", "/v1/partner/users", "{\"externalId\":\"pager\"}")
                .then()
                .statusCode(201);
        for (String list : List.of(
                "/v1/partner/users",
                "/v1/partner/users/pager/transactions",
                "/v1/partner/campaigns",
                "/v1/partner/token-pools/requests",
                "/v1/partner/token-pools/" + t.poolId() + "/ledger")) {
            refused(send(t, false, "GET", list + "?page=2147483647", null), "VALIDATION_FAILED", "page");
            refused(send(t, false, "GET", list + "?page=0", null), "VALIDATION_FAILED", "page");
            refused(send(t, false, "GET", list + "?page=99999999999999", null), "VALIDATION_FAILED", "page");
            refused(send(t, false, "GET", list + "?page=one", null), "VALIDATION_FAILED", "page");
            refused(send(t, false, "GET", list + "?limit=101", null), "VALIDATION_FAILED", "limit");
            send(t, false, "GET", list + "?page=1000000&limit=100", null)
                    .then()
                    .statusCode(200)
                    .body("data.size()", is(0))
                    .body("page", is(1000000));
        }
        String dashboard = "/v1/partner/dashboard";
        refused(send(t, false, "GET", dashboard + "?to=+999999999-12-31", null), "VALIDATION_FAILED", "to");
        refused(send(t, false, "GET", dashboard + "?to=%2B999999999-12-31", null), "VALIDATION_FAILED", "to");
        refused(send(t, false, "GET", dashboard + "?from=-999999999-01-01", null), "VALIDATION_FAILED", "from");
        refused(send(t, false, "GET", dashboard + "?from=%2B10000-01-01T00:00:00Z", null), "VALIDATION_FAILED", "from");
        refused(send(t, false, "GET", dashboard + "?from=1969-12-31", null), "VALIDATION_FAILED", "from");
        refused(send(t, false, "GET", dashboard + "?from=2026-05-02&to=2026-05-01", null), "VALIDATION_FAILED", "from");
        send(t, false, "GET", dashboard + "?from=1970-01-01&to=9999-12-31", null)
                .then()
                .statusCode(200);
    }

    @Test
    void aBodyCutShortIsInvalidJsonWhereverItStops() {
        Fixtures.Tenant t = Fixtures.sandboxTenant();
        for (String cut : List.of(
                "{\"externalId\": \"broken",
                "{\"externalId\":",
                "{\"externalId\"",
                "{\"externalId\":\"a\",",
                "{\"externalId\":\"a\",\"metadata\":{\"tags\":[\"x\",",
                "{\"externalId\":\"a\",\"metadata\":{\"tags\":[",
                "{\"externalId\":\"a\" \"email\":\"b\"}",
                "{")) {
            refused(send(t, true, "POST", "/v1/partner/users", cut), "INVALID_JSON", null);
        }
        refused(
                send(
                        t,
                        true,
                        "POST",
                        "/v1/partner/campaigns",
                        "{\"name\":\"c\",\"actionTypes\":[\"PURCHASE\"],\"multiplier\":\"abc\"}"),
                "VALIDATION_FAILED",
                "multiplier");
        refused(
                send(t, true, "POST", "/v1/partner/token-pools/request", "{\"amount\":99999999999999999999}"),
                "VALIDATION_FAILED",
                "amount");
    }

    @Test
    void tokenPoolsAreListedInTheEnvelopeOfEveryList() {
        Fixtures.Tenant t = Fixtures.sandboxTenant();
        send(t, false, "GET", "/v1/partner/token-pools", null)
                .then()
                .statusCode(200)
                .body("data.size()", is(1))
                .body("data[0].id", is(t.poolId()))
                .body("page", is(1))
                .body("limit", is(20))
                .body("total", is(1));
    }

    @Test
    void aUserCreateUnderAnIdempotencyKeyHappensOnce() {
        Fixtures.Tenant t = Fixtures.sandboxTenant();
        String body = "{\"externalId\":\"idem-1\",\"email\":\"i1@example.org\"}";
        Response first = KeyedRequests.post(t, "/v1/partner/users", "user-key-1", body);
        first.then().statusCode(201);
        KeyedRequests.post(t, "/v1/partner/users", "user-key-1", body)
                .then()
                .statusCode(409)
                .body("code", is("IDEMPOTENT"))
                .header("Idempotent-Replayed", "true")
                .body("result.id", is(first.<String>path("id")))
                .body("result.externalId", is("idem-1"));
        KeyedRequests.post(t, "/v1/partner/users", "user-key-1", "{\"externalId\":\"idem-2\"}")
                .then()
                .statusCode(422)
                .body("code", is("IDEMPOTENCY_KEY_REUSED"));
        // Another key (or none) for an externalId that exists is still a conflict, not a replay.
        KeyedRequests.post(t, "/v1/partner/users", "user-key-2", body)
                .then()
                .statusCode(409)
                .body("code", is("CONFLICT"));
        Fixtures.signed(t, true, "POST", "/v1/partner/users", body)
                .then()
                .statusCode(409)
                .body("code", is("CONFLICT"));

        KeyedRequests.assertOneCreatedTheRestReplayed(
                KeyedRequests.concurrently(8, t, "/v1/partner/users", "user-key-3", "{\"externalId\":\"idem-3\"}"));
        Fixtures.signed(t, false, "GET", "/v1/partner/users", null).then().body("total", is(2));
    }

    /**
     * A client that offers HTTP/2 over cleartext (the JDK's HttpClient does by default) sends {@code Upgrade: h2c}
     * with its first request; the services speak HTTP/1.1 behind the gateway and must answer that request as one,
     * body included, not fail it with a 500.
     */
    @Test
    void aRequestOfferingAnUpgradeToHttp2IsAnsweredAsHttp1() throws Exception {
        Fixtures.Tenant t = Fixtures.sandboxTenant();
        String body = "{\"externalId\":\"h2c-user\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String ts = Long.toString(System.currentTimeMillis() / 1000);
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + RestAssured.port + "/v1/partner/users"))
                .header(RequestSigning.HEADER_KEY, t.partner().keys().secretKey())
                .header(RequestSigning.HEADER_TIMESTAMP, ts)
                .header(
                        RequestSigning.HEADER_SIGNATURE,
                        RequestSigning.sign(t.partner().keys().hmacSecret(), ts, "POST", "/v1/partner/users", bytes))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .timeout(Duration.ofSeconds(10))
                .build();
        HttpClient http2 =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> answer = http2.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(201, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("\"externalId\":\"h2c-user\""), answer.body());
    }
}
