package org.sirgiving.keys;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.sirgiving.partnerauth.credentials.KeysServiceClient;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.PostgresDatabaseResource;

/** The credential lookup answers only callers presenting the internal token (libs/partner-auth InternalAuth). */
@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class InternalEndpointsTest {
    private static final String UNKNOWN = "pk_test_" + "0".repeat(64);

    @Test
    void theCredentialLookupRefusesCallersWithoutTheInternalToken() {
        given().get("/internal/v1/credentials?publicKey=" + UNKNOWN)
                .then()
                .statusCode(403)
                .body("code", is("FORBIDDEN"));
        given().header(KeysServiceClient.INTERNAL_TOKEN_HEADER, "guessed")
                .get("/internal/v1/credentials?publicKey=" + UNKNOWN)
                .then()
                .statusCode(403)
                .body("code", is("FORBIDDEN"));
    }

    @Test
    void theCredentialLookupAnswersTheInternalTokenWithWhatItKnows() {
        given().header(KeysServiceClient.INTERNAL_TOKEN_HEADER, RateLeasesTest.TOKEN)
                .get("/internal/v1/credentials?publicKey=" + UNKNOWN)
                .then()
                .statusCode(404)
                .body("code", is("NOT_FOUND"));
    }

    @Test
    void aTokenBeingRotatedInIsAcceptedBesideTheCurrentOne() {
        // application.properties (test profile) lists it in sir.internal.also-accepted-tokens.
        given().header(KeysServiceClient.INTERNAL_TOKEN_HEADER, "next-internal-token")
                .get("/internal/v1/credentials?publicKey=" + UNKNOWN)
                .then()
                .statusCode(404)
                .body("code", is("NOT_FOUND"));
        given().header(KeysServiceClient.INTERNAL_TOKEN_HEADER, "next-internal-token-but-not-quite")
                .get("/internal/v1/credentials?publicKey=" + UNKNOWN)
                .then()
                .statusCode(403);
    }
}
