package org.sirgiving.donations;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sirgiving.donations.DonationApi.CREATE;
import static org.sirgiving.donations.DonationApi.body;
import static org.sirgiving.donations.DonationApi.status;
import static org.sirgiving.donations.DonationApi.widgetGet;
import static org.sirgiving.donations.DonationApi.widgetPost;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.PostgresDatabaseResource;
import org.sirgiving.testinfra.TestPartners;

/** Organizations and donation links through the widget surface (publishable key), with the contract's errors. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
class CreateLinkTest {

    @Test
    void aSeededNonprofitIsFoundBySlugAndBySearch() {
        TestPartners.Partner p = TestPartners.sandbox();
        widgetGet(p, "/v1/partner/organizations/givedirectly")
                .then()
                .statusCode(200)
                .body("id", matchesPattern("org_[0-9a-f]{24}"))
                .body("name", is("GiveDirectly"))
                .body("ein", is("27-1661997"))
                .body("status", is("ACTIVE"))
                .body("providers", containsInAnyOrder("stripe", "every.org"))
                .body("currencies", hasItem("USD"));
        widgetGet(p, "/v1/partner/organizations?query=MALARIA&limit=5")
                .then()
                .statusCode(200)
                .body("data.slug", hasItem("against-malaria-foundation"))
                .body("limit", is(5));
        widgetGet(p, "/v1/partner/organizations/no-such-nonprofit").then().statusCode(404);
        widgetGet(p, "/v1/partner/organizations?limit=1000")
                .then()
                .statusCode(400)
                .body("code", is("VALIDATION_FAILED"))
                .body("details.field", hasItem("limit"));
    }

    @Test
    void aSandboxLinkOpensTheHostedCheckoutAndStartsCreated() {
        TestPartners.Partner p = DonationApi.tippingPartner();
        JsonPath link = widgetPost(p, CREATE, body("tipPercent", 10), null)
                .then()
                .statusCode(201)
                .body("partnerDonationId", matchesPattern("don_[0-9a-f]{24}"))
                .body("donationLink", matchesPattern("http://127\\.0\\.0\\.1:8085/donate/checkout/[0-9a-f]{64}"))
                .extract()
                .jsonPath();
        status(p, link.getString("partnerDonationId"))
                .then()
                .statusCode(200)
                .body("status", is("CREATED"))
                .body("nonprofitSlug", is("givedirectly"))
                .body("amount", is(2500))
                .body("tipAmount", is(250))
                .body("currency", is("USD"))
                .body("frequency", is("once"))
                .body("provider", is("stripe"))
                .body("environment", is("sandbox"))
                .body("charges.size()", is(0))
                .body("reward", nullValue());
    }

    @Test
    void badInputIsRefusedWithEveryFieldNamed() {
        TestPartners.Partner p = TestPartners.sandbox();
        widgetPost(
                        p,
                        CREATE,
                        body(
                                "amount",
                                99,
                                "currency",
                                "usd",
                                "frequency",
                                "weekly",
                                "provider",
                                "paypal",
                                "donorEmail",
                                "not-an-email",
                                "firstName",
                                null,
                                "tipPercent",
                                101),
                        null)
                .then()
                .statusCode(400)
                .body("code", is("VALIDATION_FAILED"))
                .body(
                        "details.field",
                        containsInAnyOrder(
                                "amount",
                                "currency",
                                "frequency",
                                "provider",
                                "donorEmail",
                                "firstName",
                                "tipPercent"));
        widgetPost(p, CREATE, body("amount", 10_000_001), null)
                .then()
                .statusCode(400)
                .body("details.field", containsInAnyOrder("amount"));
        widgetPost(p, CREATE, "{not json", null).then().statusCode(400).body("code", is("INVALID_JSON"));
        widgetPost(p, CREATE, body(), "k".repeat(256))
                .then()
                .statusCode(400)
                .body("details.field", containsInAnyOrder("Idempotency-Key"));
    }

    @Test
    void theNonprofitProviderAndCurrencyAreCheckedAgainstTheDirectory() {
        TestPartners.Partner p = TestPartners.sandbox();
        widgetPost(p, CREATE, body("nonprofitSlug", "no-such-nonprofit"), null)
                .then()
                .statusCode(400)
                .body("code", is("VALIDATION_FAILED"))
                .body("details.field", containsInAnyOrder("nonprofitSlug"));
        // every.org takes US dollars only; the seeded organizations take USD only.
        widgetPost(p, CREATE, body("provider", "every.org", "currency", "EUR"), null)
                .then()
                .statusCode(400)
                .body("details.field", containsInAnyOrder("currency"));
    }

    @Test
    void aTipIsRefusedUntilThePartnerTurnsTipsOnInItsSettings() {
        // The setting travels on the partner's credential (keys-service publishes it after PATCH /v1/partner/config).
        TestPartners.Partner p = TestPartners.sandbox();
        for (String field : List.of("tipAmount", "tipPercent")) {
            widgetPost(p, CREATE, body(field, 5), null)
                    .then()
                    .statusCode(400)
                    .body("code", is("VALIDATION_FAILED"))
                    .body("details.field", containsInAnyOrder(field));
        }
        // No tip, or a zero one, needs no setting.
        widgetPost(p, CREATE, body("tipAmount", 0), null).then().statusCode(201);

        TestPartners.withWidgetSettings(p, List.of(), true, 10);
        String id = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> widgetPost(p, CREATE, body("tipPercent", 5), null)
                                .then()
                                .extract()
                                .path("partnerDonationId"),
                        java.util.Objects::nonNull);
        status(p, id).then().body("tipAmount", is(125));
    }

    @Test
    void tipAmountAndTipPercentAreMutuallyExclusive() {
        TestPartners.Partner p = DonationApi.tippingPartner();
        widgetPost(p, CREATE, body("tipAmount", 100, "tipPercent", 5), null)
                .then()
                .statusCode(400)
                .body("code", is("VALIDATION_FAILED"))
                .body("details.field", containsInAnyOrder("tipPercent"));
        String id = widgetPost(p, CREATE, body("tipAmount", 300), null)
                .then()
                .statusCode(201)
                .extract()
                .path("partnerDonationId");
        status(p, id).then().body("tipAmount", is(300));
    }

    @Test
    void theSameIdempotencyKeyAndBodyReplayTheLinkAndAnotherBodyIsRefused() {
        TestPartners.Partner p = TestPartners.sandbox();
        String key = "checkout-" + UUID.randomUUID();
        JsonPath first = widgetPost(p, CREATE, body(), key)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        JsonPath again = widgetPost(p, CREATE, body(), key)
                .then()
                .statusCode(409)
                .header("Idempotent-Replayed", "true")
                .body("code", is("IDEMPOTENT"))
                .extract()
                .jsonPath();
        assertEquals(first.getString("partnerDonationId"), again.getString("result.partnerDonationId"));
        assertEquals(first.getString("donationLink"), again.getString("result.donationLink"));
        widgetPost(p, CREATE, body("amount", 5000), key)
                .then()
                .statusCode(422)
                .body("code", is("IDEMPOTENCY_KEY_REUSED"));
    }

    @Test
    void anotherPartnersDonationIsNotFound() {
        TestPartners.Partner owner = TestPartners.sandbox();
        TestPartners.Partner other = TestPartners.sandbox();
        String id = widgetPost(owner, CREATE, body(), null)
                .then()
                .statusCode(201)
                .extract()
                .path("partnerDonationId");
        status(other, id).then().statusCode(404).body("code", is("NOT_FOUND"));
        status(owner, "don_000000000000000000000000").then().statusCode(404);
    }
}
