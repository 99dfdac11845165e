package org.sirgiving.donations;

import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.sirgiving.donations.support.ProviderCalls;
import org.sirgiving.donations.support.StripeWebhooks;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.PostgresDatabaseResource;
import org.sirgiving.testinfra.TestPartners;

/** With no provider secrets (this test's configuration), production links and webhooks answer 503, never a 5xx crash. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
class ProvidersNotConfiguredTest {
    @Test
    void aProductionLinkThroughAnUnconfiguredProviderIsServiceUnavailable() {
        TestPartners.Partner partner = ProviderCalls.productionPartner();
        ProviderCalls.createLink(partner, "stripe", "once", 0)
                .then()
                .statusCode(503)
                .body("code", is("SERVICE_UNAVAILABLE"));
        ProviderCalls.createLink(partner, "every.org", "once", 0)
                .then()
                .statusCode(503)
                .body("code", is("SERVICE_UNAVAILABLE"));
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
