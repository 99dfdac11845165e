package org.sirgiving.rewards;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.sirgiving.kernel.crypto.Crypto;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.PostgresDatabaseResource;
import org.sirgiving.testinfra.SignedRequests;
import org.sirgiving.testinfra.TestPartners;

/**
 * docs/partner-api.md section 8: a request that fails authentication with a known key is told the partner's standing
 * and charged nothing; one with an unknown key has no partner to tell about.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
class RateLimitHeadersTest {
    static final String POOLS = "/v1/partner/token-pools";

    static void withStanding(Response r, int status, String code, String remaining) {
        r.then()
                .statusCode(status)
                .body("code", is(code))
                .header("X-RateLimit-Limit", is("600"))
                .header("X-RateLimit-Remaining", is(remaining))
                .header("X-RateLimit-Reset", notNullValue());
    }

    @Test
    void failedSignedRequestsOfAKnownKeyTellTheStandingAndSpendNothing() {
        TestPartners.Partner p = TestPartners.sandbox();
        // One minute window throughout, with time to spare.
        await().atMost(Duration.ofSeconds(65)).until(() -> Instant.now().getEpochSecond() % 60 < 40);
        Response first = SignedRequests.send(p.keys(), false, "GET", POOLS, null);
        first.then().statusCode(200);
        String remaining = first.header("X-RateLimit-Remaining");

        SignedRequests.PartnerKeys forged =
                new SignedRequests.PartnerKeys(p.keys().publicKey(), p.keys().secretKey(), Crypto.randomHex(32));
        for (int i = 0; i < 5; i++) {
            withStanding(SignedRequests.send(forged, true, "GET", POOLS, null), 401, "INVALID_SIGNATURE", remaining);
        }
        withStanding(
                SignedRequests.send(
                        p.keys(), false, "GET", POOLS, null, Instant.now().getEpochSecond() - 3600),
                401,
                "TIMESTAMP_OUT_OF_WINDOW",
                remaining);
        withStanding(
                SignedRequests.send(p.keys(), false, "POST", POOLS + "/request", "{\"amount\":5,\"reason\":\"more\"}"),
                403,
                "SECRET_KEY_REQUIRED",
                remaining);

        SignedRequests.send(p.keys(), false, "GET", POOLS, null)
                .then()
                .statusCode(200)
                .header("X-RateLimit-Remaining", is(String.valueOf(Integer.parseInt(remaining) - 1)));

        SignedRequests.PartnerKeys unknown = new SignedRequests.PartnerKeys(
                "pk_test_" + Crypto.randomHex(32), "sk_test_" + Crypto.randomHex(32), Crypto.randomHex(32));
        SignedRequests.send(unknown, false, "GET", POOLS, null)
                .then()
                .statusCode(401)
                .body("code", is("INVALID_API_KEY"))
                .header("X-RateLimit-Limit", nullValue());
    }
}
