package org.sirgiving.donations;

import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.sirgiving.donations.support.ProviderCalls;
import org.sirgiving.donations.support.StripeWebhooks;
import org.sirgiving.testinfra.ExposedMetrics;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.PostgresDatabaseResource;
import org.sirgiving.testinfra.TestPartners;

/**
 * With no provider secrets (this test's configuration), production links and webhooks answer 503, never a 5xx crash;
 * the links count as unavailable checkouts.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
class ProvidersNotConfiguredTest {
    private static double unavailable(String provider) {
        String metrics =
                RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        return ExposedMetrics.sample(
                        metrics, "sir_donations_checkouts_total", "provider", provider, "result", "unavailable")
                .orElse(0);
    }

    @Test
    void aProductionLinkThroughAnUnconfiguredProviderIsServiceUnavailableAndCountedSo() {
        double stripe = unavailable("stripe");
        double everyOrg = unavailable("every.org");
        TestPartners.Partner partner = ProviderCalls.productionPartner();
        ProviderCalls.createLink(partner, "stripe", "once", 0)
                .then()
                .statusCode(503)
                .body("code", is("SERVICE_UNAVAILABLE"));
        assertEquals(stripe + 1, unavailable("stripe"));
        ProviderCalls.createLink(partner, "every.org", "once", 0)
                .then()
                .statusCode(503)
                .body("code", is("SERVICE_UNAVAILABLE"));
        // What SirDonationCheckoutsUnavailable reads: each provider's share of checkouts answered 503.
        assertEquals(everyOrg + 1, unavailable("every.org"));
        assertEquals(stripe + 1, unavailable("stripe"));
    }

    @Test
    void webhooksOfAnUnconfiguredProviderAreServiceUnavailableSoTheProviderRetries() {
        String event = StripeWebhooks.event(
                "evt_1",
                "checkout.session.completed",
                Instant.now(),
                StripeWebhooks.paymentSession("don_x", "paid", 2500));
        assertEquals(503, ProviderCalls.stripe(event, "whsec_any", Instant.now()));
        assertEquals(503, ProviderCalls.everyOrg("{}", "any"));
    }
}
