package org.sirgiving.keys;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.sirgiving.partnerauth.credentials.KeysServiceClient;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.PostgresDatabaseResource;

/** The per-minute budget keys-service owns: leases never grant more than the limit of one window. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class RateLeasesTest {
    static final String TOKEN = "dev-internal-token";
    /** This minute: old windows are deleted by a job, so a test window must be recent. */
    static final long WINDOW = Instant.now().getEpochSecond() / 60 * 60;

    static ValidatableResponse lease(String token, String partnerId, String environment, long window, int requested) {
        String body = "{\"partnerId\":\"" + partnerId + "\",\"environment\":\"" + environment + "\",\"windowStart\":"
                + window + ",\"requested\":" + requested + ",\"limit\":5}";
        return given().header(KeysServiceClient.INTERNAL_TOKEN_HEADER, token)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/internal/v1/rate-leases")
                .then();
    }

    @Test
    void aWindowGrantsUpToItsLimitAndNoMore() {
        String partner = "ptn_" + UUID.randomUUID();
        lease(TOKEN, partner, "sandbox", WINDOW, 3)
                .statusCode(200)
                .body("granted", is(3))
                .body("windowTotal", is(3));
        lease(TOKEN, partner, "sandbox", WINDOW, 3)
                .statusCode(200)
                .body("granted", is(2))
                .body("windowTotal", is(5));
        lease(TOKEN, partner, "sandbox", WINDOW, 3)
                .statusCode(200)
                .body("granted", is(0))
                .body("windowTotal", is(5));
    }

    @Test
    void environmentsAndWindowsHaveBudgetsOfTheirOwn() {
        String partner = "ptn_" + UUID.randomUUID();
        lease(TOKEN, partner, "sandbox", WINDOW, 5).statusCode(200).body("granted", is(5));
        lease(TOKEN, partner, "production", WINDOW, 5).statusCode(200).body("granted", is(5));
        lease(TOKEN, partner, "sandbox", WINDOW + 60, 5).statusCode(200).body("granted", is(5));
    }

    @Test
    void onlyCallersWithTheInternalTokenGetLeases() {
        lease("wrong", "ptn_x", "sandbox", WINDOW, 1).statusCode(403).body("code", is("FORBIDDEN"));
        lease(TOKEN, "ptn_x", "sandbox", WINDOW, 0).statusCode(400).body("code", is("VALIDATION_FAILED"));
    }
}
