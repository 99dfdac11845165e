package org.sirgiving.keys;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.PostgresDatabaseResource;
import org.sirgiving.testinfra.TestJwt;

/**
 * User JWTs are accepted only for this platform (audience), once issued (not in the future beyond the clock skew)
 * and for at most the configured lifetime (docs/partner-api.md section 1).
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class UserTokenLimitsTest {
    private static final String KEY = "{\"name\":\"k\",\"environment\":\"sandbox\",\"keyType\":\"standard\"}";

    private static String user() {
        return "user-" + UUID.randomUUID();
    }

    private static void refused(String token) {
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(KEY)
                .post("/v1/partner/keys")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body("statusCode", is(401))
                .body("code", is("INVALID_TOKEN"))
                .body("requestId", matchesPattern("req_[0-9a-f]{24}"));
        given().auth()
                .oauth2(token)
                .get("/v1/partner/keys")
                .then()
                .statusCode(401)
                .body("code", is("INVALID_TOKEN"));
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        refused(TestJwt.claims(user())
                .audience("https://another-app.example.org")
                .sign());
    }

    @Test
    void aTokenWithoutAudienceIsRefused() {
        refused(TestJwt.claims(user()).remove("aud").sign());
    }

    @Test
    void aTokenIssuedAnHourFromNowIsRefused() {
        Instant iat = Instant.now().plus(Duration.ofHours(1));
        refused(TestJwt.claims(user())
                .issuedAt(iat)
                .expiresAt(iat.plus(Duration.ofHours(1)))
                .sign());
    }

    @Test
    void aTokenValidForTenYearsIsRefused() {
        Instant now = Instant.now();
        refused(TestJwt.claims(user())
                .issuedAt(now)
                .expiresAt(now.plus(Duration.ofDays(3650)))
                .sign());
    }

    @Test
    void aTokenForThisPlatformIssuedNowWithinTheSkewAndLifetimeIsAccepted() {
        String token = TestJwt.token(user());
        given().auth().oauth2(token).get("/v1/partner/keys").then().statusCode(200);
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(KEY)
                .post("/v1/partner/keys")
                .then()
                .statusCode(201);
        // A few seconds ahead (the issuer's clock runs slightly fast) and a full day are fine.
        Instant soon = Instant.now().plusSeconds(20);
        given().auth()
                .oauth2(TestJwt.claims(user())
                        .issuedAt(soon)
                        .expiresAt(soon.plus(Duration.ofHours(24)))
                        .sign())
                .get("/v1/partner/keys")
                .then()
                .statusCode(200);
    }
}
