package org.sirgiving.donations;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.sirgiving.donations.DonationApi.CREATE;
import static org.sirgiving.donations.DonationApi.body;
import static org.sirgiving.donations.DonationApi.checkoutPath;
import static org.sirgiving.donations.DonationApi.press;
import static org.sirgiving.donations.DonationApi.status;
import static org.sirgiving.donations.DonationApi.widgetPost;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.PostgresDatabaseResource;
import org.sirgiving.testinfra.TestPartners;

/** A sandbox link not completed within sir.donations.link-ttl (1 day) expires and can no longer be completed. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
class ExpiryTest {
    @Inject
    MutableClock clock;

    @Test
    void anOpenSandboxLinkPastItsLifetimeIsExpiredAndTakesNoCharge() {
        TestPartners.Partner p = TestPartners.sandbox();
        JsonPath link = widgetPost(p, CREATE, body(), null)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String id = link.getString("partnerDonationId");
        String checkout = checkoutPath(link.getString("donationLink"));
        RestAssured.get(checkout).then().statusCode(200);
        status(p, id).then().body("status", is("PENDING"));

        clock.advance(Duration.ofHours(25));
        status(p, id).then().body("status", is("EXPIRED"));
        RestAssured.get(checkout)
                .then()
                .statusCode(200)
                .body(containsString("EXPIRED"))
                .body(not(containsString("id=\"complete\"")));
        press(checkout, "complete").then().statusCode(303);
        status(p, id).then().body("status", is("EXPIRED")).body("charges.size()", is(0));
    }
}
