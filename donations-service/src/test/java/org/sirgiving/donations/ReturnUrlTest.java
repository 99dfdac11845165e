package org.sirgiving.donations;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.sirgiving.donations.DonationApi.CREATE;
import static org.sirgiving.donations.DonationApi.body;
import static org.sirgiving.donations.DonationApi.checkoutPath;
import static org.sirgiving.donations.DonationApi.press;
import static org.sirgiving.donations.DonationApi.widgetPost;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.PostgresDatabaseResource;
import org.sirgiving.testinfra.TestPartners;

/**
 * create-link's returnUrl: the donor goes back to the partner's own page after the checkout, and only to a page on an
 * origin the key may be used from (no open redirect through the platform's checkout).
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
class ReturnUrlTest {

    private static void refused(TestPartners.Partner p, String returnUrl) {
        widgetPost(p, CREATE, body("returnUrl", returnUrl), null)
                .then()
                .statusCode(400)
                .body("code", is("VALIDATION_FAILED"))
                .body("details.field", containsInAnyOrder("returnUrl"));
    }

    @Test
    void theSandboxCheckoutLeadsTheDonorBackToTheReturnUrlOnceTheDonationIsDecided() {
        // A sandbox key with no allowed origins may use (and return to) loopback pages.
        TestPartners.Partner p = TestPartners.sandbox();
        JsonPath link = widgetPost(p, CREATE, body("returnUrl", "http://127.0.0.1:9999/return.html?from=sir"), null)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String id = link.getString("partnerDonationId");
        String checkout = checkoutPath(link.getString("donationLink"));

        RestAssured.get(checkout).then().statusCode(200).body(not(containsString("id=\"return\"")));
        press(checkout, "complete").then().statusCode(303);
        RestAssured.get(checkout)
                .then()
                .statusCode(200)
                .body(containsString(
                        "id=\"return\" href=\"http://127.0.0.1:9999/return.html?from=sir&amp;partnerDonationId=" + id
                                + "\""));

        String cancelled = widgetPost(p, CREATE, body("returnUrl", "http://localhost:3000/back"), null)
                .then()
                .statusCode(201)
                .extract()
                .path("donationLink");
        press(checkoutPath(cancelled), "cancel").then().statusCode(303);
        RestAssured.get(checkoutPath(cancelled))
                .then()
                .body(containsString("cancelled=true\""))
                .body(containsString("href=\"http://localhost:3000/back?partnerDonationId="));
    }

    @Test
    void aReturnUrlOffTheKeysOriginsIsRefused() {
        TestPartners.Partner sandbox = TestPartners.sandbox();
        refused(sandbox, "https://evil.example/phish");
        refused(sandbox, "javascript:alert(1)");
        refused(sandbox, "/donate/thanks");
        refused(sandbox, "http://user:pw@127.0.0.1:9999/");
        refused(sandbox, "not a url");

        // With allowed origins configured, only those: not a look-alike host, and no longer loopback pages.
        TestPartners.Partner shop = TestPartners.withWidgetSettings(
                TestPartners.sandboxNotYetPublished(), List.of("https://shop.example"), false, 0);
        widgetPost(shop, CREATE, body("returnUrl", "https://shop.example/donate/return"), null)
                .then()
                .statusCode(201);
        refused(shop, "https://shop.example.evil.example/");
        refused(shop, "http://shop.example/donate/return");
        refused(shop, "http://127.0.0.1:9999/return.html");
    }
}
