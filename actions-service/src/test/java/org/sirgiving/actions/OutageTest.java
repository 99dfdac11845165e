package org.sirgiving.actions;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.ProxiedPostgresDatabaseResource;
import org.sirgiving.testinfra.SignedRequests;
import org.sirgiving.testinfra.TestPartners;

/** Durability when a dependency is down: nothing acknowledged is lost, nothing refused is half-stored. */
@QuarkusTest
@QuarkusTestResource(ProxiedPostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
class OutageTest {
    private static FakeRewardsService rewards;
    private static TestPartners.Partner partner;

    @BeforeAll
    static void start() {
        rewards = new FakeRewardsService();
        partner = TestPartners.sandbox();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        rewards.close();
    }

    @Test
    void withTheBrokerDownAnActionIsAcceptedAndRewardedWhenItReturns() throws Exception {
        // The credential must be cached before the outage (the topic is the way it arrives).
        SignedRequests.send(
                        partner.keys(),
                        true,
                        "POST",
                        "/v1/partner/actions/submit",
                        SubmitActionTest.body(SubmitActionTest.key(), "1"))
                .then()
                .statusCode(200);
        String key = SubmitActionTest.key();
        String[] actionId = new String[1];
        KafkaBrokerResource.outage(() -> actionId[0] = SignedRequests.send(
                        partner.keys(), true, "POST", "/v1/partner/actions/submit", SubmitActionTest.body(key, "12"))
                .then()
                .statusCode(202)
                .body("status", is("PENDING"))
                .extract()
                .path("actionId"));
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> SignedRequests.send(
                                partner.keys(), false, "GET", "/v1/partner/actions/" + actionId[0], null)
                        .then()
                        .statusCode(200)
                        .body("status", is("COMPLETED"))
                        .body("tokensDistributed", is(12)));
        assertEquals(1, rewards.submissionsOf(key), "published once the broker was back, and only once");
    }

    @Test
    void withTheDatabaseDownTheAnswerIs503AndNothingIsStored() throws Exception {
        SignedRequests.send(
                        partner.keys(),
                        true,
                        "POST",
                        "/v1/partner/actions/submit",
                        SubmitActionTest.body(SubmitActionTest.key(), "1"))
                .then()
                .statusCode(200);
        String key = SubmitActionTest.key();
        ProxiedPostgresDatabaseResource.proxy().cut();
        try {
            SignedRequests.send(
                            partner.keys(), true, "POST", "/v1/partner/actions/submit", SubmitActionTest.body(key, "5"))
                    .then()
                    .statusCode(503)
                    .body("code", is("SERVICE_UNAVAILABLE"))
                    .header("Retry-After", notNullValue());
        } finally {
            ProxiedPostgresDatabaseResource.proxy().restore();
        }
        // The refused request left nothing behind: the same key is new, and is rewarded once.
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> SignedRequests.send(
                                partner.keys(),
                                true,
                                "POST",
                                "/v1/partner/actions/submit",
                                SubmitActionTest.body(key, "5"))
                        .then()
                        .statusCode(200)
                        .body("status", is("COMPLETED")));
        assertEquals(1, rewards.submissionsOf(key));
    }
}
