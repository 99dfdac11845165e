package org.sirgiving.actions;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sirgiving.kernel.crypto.Crypto;
import org.sirgiving.partnerauth.signing.RequestSigning;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.PostgresDatabaseResource;
import org.sirgiving.testinfra.SignedRequests;
import org.sirgiving.testinfra.TestPartners;

/**
 * Keys no one was ever issued (docs/partner-api.md section 2) are refused at once with 401, and cannot make the
 * credential lookup fail for the partners whose keys are not cached yet.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
class HostileKeysTest {
    private static final String HEX = "0123456789abcdef".repeat(4);

    private static void assertRefusedAtOnce(String key) {
        RestAssured.given()
                .header(RequestSigning.HEADER_KEY, key)
                .header(RequestSigning.HEADER_TIMESTAMP, Long.toString(System.currentTimeMillis() / 1000))
                .header(RequestSigning.HEADER_SIGNATURE, HEX)
                .get("/v1/partner/actions")
                .then()
                .time(lessThan(2000L))
                .statusCode(401)
                .body("code", is("INVALID_API_KEY"));
    }

    @Test
    void oversizedAndMalformedKeysGet401AndUnknownKeysStill401AfterThem() {
        List<String> hostile = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            hostile.add("pk_" + "a".repeat(20000)); // longer than keys-service accepts in a request line
        }
        hostile.addAll(List.of(
                "sk_" + "a".repeat(20000),
                "pk_test_" + "a".repeat(20000),
                "sk_test_" + HEX.toUpperCase(),
                "pk_prod_" + HEX,
                "sk_test_" + HEX.substring(1),
                "sk_test_" + HEX + "0",
                "pk_test_" + HEX.substring(2) + "zz",
                "pk_test_../../" + HEX.substring(6),
                "sk_live_" + HEX.substring(2) + "%00"));
        hostile.forEach(HostileKeysTest::assertRefusedAtOnce);

        // A well-formed key no one holds is unknown (401), not "keys-service unavailable" (503).
        SignedRequests.PartnerKeys unknown = new SignedRequests.PartnerKeys(
                "pk_test_" + Crypto.randomHex(32), "sk_test_" + Crypto.randomHex(32), HEX);
        SignedRequests.send(unknown, true, "GET", "/v1/partner/actions", null)
                .then()
                .statusCode(401)
                .body("code", is("INVALID_API_KEY"));
        SignedRequests.send(unknown, false, "GET", "/v1/partner/actions", null)
                .then()
                .statusCode(401)
                .body("code", is("INVALID_API_KEY"));

        TestPartners.Partner partner = TestPartners.sandbox();
        SignedRequests.send(partner.keys(), true, "GET", "/v1/partner/actions", null)
                .then()
                .statusCode(200);
    }

    @Test
    void aKeyIssuedRightAfterItWasLookedUpInVainWorksAtOnce() {
        TestPartners.Partner partner = TestPartners.sandboxNotYetPublished();
        SignedRequests.send(partner.keys(), true, "GET", "/v1/partner/actions", null)
                .then()
                .statusCode(401)
                .body("code", is("INVALID_API_KEY"));

        TestPartners.publish(partner.credential());

        // Well within the unknown-key TTL (10 s): the key's record itself makes it known.
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> SignedRequests.send(partner.keys(), true, "GET", "/v1/partner/actions", null)
                        .then()
                        .statusCode(200));
    }
}
