package org.sirgiving.rewards;

import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sirgiving.rewards.support.Fixtures;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.PostgresDatabaseResource;
import org.sirgiving.testinfra.SignedRequests;

/**
 * An exact replay of a captured signed request (same X-Timestamp, same signature) within the window has no second
 * effect (docs/partner-api.md section 3): 409 REQUEST_REPLAYED, or 409 IDEMPOTENT where the create's key answers it.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
class SignedReplaysTest {
    private static final String CAMPAIGNS = "/v1/partner/campaigns";

    private static Response captured(
            Fixtures.Tenant t, String method, String path, String body, long ts, Map<String, String> headers) {
        return SignedRequests.send(t.partner().keys(), true, method, path, body, ts, headers);
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    @Test
    void aReplayedCreateWithoutIdempotencyKeyIsRefusedAndCreatesNothing() {
        Fixtures.Tenant t = Fixtures.sandboxTenant();
        String body = "{\"name\":\"Once\",\"actionTypes\":[\"DONATION\"]}";
        long ts = now();
        captured(t, "POST", CAMPAIGNS, body, ts, Map.of()).then().statusCode(201);
        captured(t, "POST", CAMPAIGNS, body, ts, Map.of())
                .then()
                .statusCode(409)
                .body("code", is("REQUEST_REPLAYED"));
        Fixtures.signed(t, false, "GET", CAMPAIGNS, null).then().statusCode(200).body("total", is(1));

        String pool = "{\"amount\":5000,\"reason\":\"spring\"}";
        captured(t, "POST", "/v1/partner/token-pools/request", pool, ts, Map.of())
                .then()
                .statusCode(201);
        captured(t, "POST", "/v1/partner/token-pools/request", pool, ts, Map.of())
                .then()
                .statusCode(409)
                .body("code", is("REQUEST_REPLAYED"));
        Fixtures.signed(t, false, "GET", "/v1/partner/token-pools/requests", null)
                .then()
                .statusCode(200)
                .body("total", is(1));
    }

    @Test
    void aReplayedCreateWithIdempotencyKeyAnswersTheOriginal() {
        Fixtures.Tenant t = Fixtures.sandboxTenant();
        String body = "{\"name\":\"Keyed\",\"actionTypes\":[\"DONATION\"]}";
        long ts = now();
        Map<String, String> key = Map.of("Idempotency-Key", "camp-replay-1");
        String id = captured(t, "POST", CAMPAIGNS, body, ts, key)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        captured(t, "POST", CAMPAIGNS, body, ts, key)
                .then()
                .statusCode(409)
                .body("code", is("IDEMPOTENT"))
                .header("Idempotent-Replayed", "true")
                .body("result.id", is(id));
        Fixtures.signed(t, false, "GET", CAMPAIGNS, null).then().statusCode(200).body("total", is(1));
    }

    @Test
    void aReplayedPatchDoesNotUndoALaterChange() {
        Fixtures.Tenant t = Fixtures.sandboxTenant();
        String id = Fixtures.signed(t, true, "POST", CAMPAIGNS, "{\"name\":\"First\",\"actionTypes\":[\"DONATION\"]}")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String first = "{\"name\":\"Renamed\"}";
        long ts = now();
        captured(t, "PATCH", CAMPAIGNS + "/" + id, first, ts, Map.of()).then().statusCode(200);
        Fixtures.signed(t, true, "PATCH", CAMPAIGNS + "/" + id, "{\"name\":\"Later\"}")
                .then()
                .statusCode(200);
        // An Idempotency-Key header does not make a PATCH's replay welcome: a PATCH honours no key.
        captured(t, "PATCH", CAMPAIGNS + "/" + id, first, ts, Map.of("Idempotency-Key", "p-1"))
                .then()
                .statusCode(409)
                .body("code", is("REQUEST_REPLAYED"));
        // Reads are not changes: their replays are answered.
        long read = now();
        for (int i = 0; i < 2; i++) {
            SignedRequests.send(t.partner().keys(), false, "GET", CAMPAIGNS + "/" + id, null, read, Map.of())
                    .then()
                    .statusCode(200)
                    .body("name", is("Later"));
        }
    }
}
