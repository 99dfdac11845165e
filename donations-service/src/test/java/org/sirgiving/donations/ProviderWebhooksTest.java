package org.sirgiving.donations;

import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.sirgiving.donations.support.ConfiguredProviders;
import org.sirgiving.donations.support.ProviderCalls;
import org.sirgiving.donations.support.StripeWebhooks;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.PostgresDatabaseResource;
import org.sirgiving.testinfra.TestPartners;

/**
 * Production links through Stripe and every.org, and their webhooks end to end: a real PostgreSQL, a real Kafka, Stripe's
 * API as a local server. A charge is rewarded once however often and in whatever order its notifications arrive.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
@QuarkusTestResource(value = ConfiguredProviders.class, restrictToAnnotatedClass = true)
class ProviderWebhooksTest {
    private static final String SECRET = ConfiguredProviders.STRIPE_WEBHOOK_SECRET;

    private static String stripeDonation(TestPartners.Partner partner, String frequency) {
        return ProviderCalls.createLink(partner, "stripe", frequency, 0)
                .then()
                .statusCode(201)
                .body("donationLink", startsWith("https://checkout.stripe.com/c/pay/cs_test_fake"))
                .extract()
                .path("partnerDonationId");
    }

    private static String completed(String donation, long amount) {
        return StripeWebhooks.event(
                "evt_" + System.nanoTime(),
                "checkout.session.completed",
                Instant.now(),
                StripeWebhooks.paymentSession(donation, "paid", amount));
    }

    /** DONATION actions written to the outbox for this donation: one per rewarded charge. */
    private static int actionsSubmitted(String donation) throws Exception {
        var config = ConfigProvider.getConfig();
        try (Connection c = DriverManager.getConnection(
                        config.getValue("quarkus.datasource.jdbc.url", String.class),
                        config.getValue("quarkus.datasource.username", String.class),
                        config.getValue("quarkus.datasource.password", String.class));
                PreparedStatement s = c.prepareStatement(
                        "SELECT count(*) FROM outbox WHERE topic = 'sir.actions.v1' AND payload LIKE ?")) {
            s.setString(1, "%" + donation + "%");
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    @Test
    void aPaidSessionCompletesTheDonationAndItsRedeliveryIsRewardedOnce() throws Exception {
        TestPartners.Partner partner = ProviderCalls.productionPartner();
        String donation = stripeDonation(partner, "once");
        String event = completed(donation, 2500);

        assertEquals(200, ProviderCalls.stripe(event, SECRET, Instant.now()));
        assertEquals(200, ProviderCalls.stripe(event, SECRET, Instant.now()));

        JsonPath status = ProviderCalls.status(partner, donation);
        assertEquals("COMPLETED", status.getString("status"));
        assertEquals(1, status.getList("charges").size());
        assertEquals("pi_" + donation, status.getString("charges[0].providerChargeId"));
        assertEquals(1, actionsSubmitted(donation));
    }

    @Test
    void wronglySignedOrStaleEventsAreRefusedAndChangeNothing() throws Exception {
        TestPartners.Partner partner = ProviderCalls.productionPartner();
        String donation = stripeDonation(partner, "once");
        String event = completed(donation, 2500);

        assertEquals(400, ProviderCalls.stripe(event, "whsec_someone_else", Instant.now()));
        assertEquals(400, ProviderCalls.stripe(event, SECRET, Instant.now().minusSeconds(301)));
        assertEquals(400, ProviderCalls.stripeWithHeader(event, null));
        String signed = StripeWebhooks.header(event, SECRET, Instant.now());
        assertEquals(400, ProviderCalls.stripeWithHeader(event.replace("2500", "9900"), signed));

        assertEquals("CREATED", ProviderCalls.status(partner, donation).getString("status"));
        assertEquals(0, actionsSubmitted(donation));
    }

    @Test
    void eventsOutOfOrderLeaveTheDonationAsThePaymentLeftIt() throws Exception {
        TestPartners.Partner partner = ProviderCalls.productionPartner();
        String donation = stripeDonation(partner, "once");
        Instant now = Instant.now();
        String succeeded = StripeWebhooks.event(
                "evt_a",
                "checkout.session.async_payment_succeeded",
                now,
                StripeWebhooks.paymentSession(donation, "paid", 2500));
        String unpaid = StripeWebhooks.event(
                "evt_b",
                "checkout.session.completed",
                now.minusSeconds(60),
                StripeWebhooks.paymentSession(donation, "unpaid", 2500));
        String expired = StripeWebhooks.event(
                "evt_c",
                "checkout.session.expired",
                now.minusSeconds(30),
                StripeWebhooks.paymentSession(donation, "unpaid", 2500));

        assertEquals(200, ProviderCalls.stripe(succeeded, SECRET, now));
        assertEquals(200, ProviderCalls.stripe(unpaid, SECRET, now));
        assertEquals(200, ProviderCalls.stripe(expired, SECRET, now));

        JsonPath status = ProviderCalls.status(partner, donation);
        assertEquals("COMPLETED", status.getString("status"));
        assertEquals(1, status.getList("charges").size());
        assertEquals(1, actionsSubmitted(donation));
    }

    @Test
    void aMonthlyDonationsRenewalsAreItsNextChargesAndItsFirstInvoiceIsNotCountedTwice() throws Exception {
        TestPartners.Partner partner = ProviderCalls.productionPartner();
        String donation = stripeDonation(partner, "monthly");
        Instant now = Instant.now();
        String session = StripeWebhooks.event(
                "evt_s", "checkout.session.completed", now, StripeWebhooks.subscriptionSession(donation, 2500));
        String firstInvoice = StripeWebhooks.event(
                "evt_i1",
                "invoice.paid",
                now,
                StripeWebhooks.invoice("in_first_" + donation, donation, "subscription_create", 2500));
        String renewal = StripeWebhooks.event(
                "evt_i2",
                "invoice.paid",
                now,
                StripeWebhooks.invoice("in_second_" + donation, donation, "subscription_cycle", 2500));

        assertEquals(200, ProviderCalls.stripe(firstInvoice, SECRET, now));
        assertEquals(200, ProviderCalls.stripe(session, SECRET, now));
        assertEquals(200, ProviderCalls.stripe(renewal, SECRET, now));
        assertEquals(200, ProviderCalls.stripe(renewal, SECRET, now));

        JsonPath status = ProviderCalls.status(partner, donation);
        assertEquals("COMPLETED", status.getString("status"));
        assertEquals(2, status.getList("charges").size());
        assertEquals("in_first_" + donation, status.getString("charges[0].providerChargeId"));
        assertEquals("in_second_" + donation, status.getString("charges[1].providerChargeId"));
        assertEquals(2, actionsSubmitted(donation));
    }

    @Test
    void anUnknownDonationIs404SoStripeRetriesAndAnEventWeIgnoreIs200() {
        Instant now = Instant.now();
        assertEquals(404, ProviderCalls.stripe(completed("don_unknown00000000000000", 2500), SECRET, now));
        String other =
                StripeWebhooks.event("evt_x", "customer.created", now, "{\"id\":\"cus_1\",\"object\":\"customer\"}");
        assertEquals(200, ProviderCalls.stripe(other, SECRET, now));
    }

    @Test
    void onlyTheProviderThatRunsADonationsCheckoutCanConfirmIt() throws Exception {
        // A validly signed Stripe event naming an every.org donation, or a sandbox one, is not theirs to confirm.
        TestPartners.Partner partner = ProviderCalls.productionPartner();
        String everyOrg = ProviderCalls.createLink(partner, "every.org", "once", 0)
                .then()
                .statusCode(201)
                .extract()
                .path("partnerDonationId");
        TestPartners.Partner sandboxPartner = TestPartners.sandbox();
        String sandbox = ProviderCalls.createLink(sandboxPartner, "stripe", "once", 0)
                .then()
                .statusCode(201)
                .extract()
                .path("partnerDonationId");
        Instant now = Instant.now();
        assertEquals(404, ProviderCalls.stripe(completed(everyOrg, 2500), SECRET, now));
        assertEquals(404, ProviderCalls.stripe(completed(sandbox, 2500), SECRET, now));
        String eo = "{\"chargeId\":\"eo_ch_" + sandbox + "\",\"partnerDonationId\":\"" + sandbox
                + "\",\"amount\":\"25.00\",\"currency\":\"USD\",\"frequency\":\"One-time\","
                + "\"donationDate\":\"2026-12-02T05:00:00.000Z\"}";
        assertEquals(404, ProviderCalls.everyOrg(eo, ConfiguredProviders.EVERY_ORG_SECRET));

        assertEquals("CREATED", ProviderCalls.status(partner, everyOrg).getString("status"));
        assertEquals("CREATED", ProviderCalls.status(sandboxPartner, sandbox).getString("status"));
        assertEquals(0, actionsSubmitted(everyOrg));
        assertEquals(0, actionsSubmitted(sandbox));
    }

    @Test
    void anEveryOrgLinkIsTheirDonateLinkAndTheirWebhookWithOurSecretCompletesTheDonationOnce() throws Exception {
        TestPartners.Partner partner = ProviderCalls.productionPartner();
        JsonPath created = ProviderCalls.createLink(partner, "every.org", "once", 0)
                .then()
                .statusCode(201)
                .body("donationLink", startsWith("https://www.every.org/givedirectly?"))
                .extract()
                .jsonPath();
        String donation = created.getString("partnerDonationId");
        String link = created.getString("donationLink");
        assertEquals(donation, linkParameter(link, "partner_donation_id"));
        assertEquals(ConfiguredProviders.EVERY_ORG_TOKEN, linkParameter(link, "webhook_token"));

        String body = "{\"chargeId\":\"eo_ch_" + donation + "\",\"partnerDonationId\":\"" + donation
                + "\",\"amount\":\"25.00\",\"netAmount\":\"24.10\",\"currency\":\"USD\",\"frequency\":\"One-time\","
                + "\"donationDate\":\"2026-12-02T05:00:00.000Z\",\"toNonprofit\":{\"slug\":\"givedirectly\","
                + "\"name\":\"GiveDirectly\"}}";
        assertEquals(401, ProviderCalls.everyOrg(body, null));
        assertEquals(401, ProviderCalls.everyOrg(body, "guess"));
        assertEquals("CREATED", ProviderCalls.status(partner, donation).getString("status"));

        assertEquals(200, ProviderCalls.everyOrg(body, ConfiguredProviders.EVERY_ORG_SECRET));
        assertEquals(200, ProviderCalls.everyOrg(body, ConfiguredProviders.EVERY_ORG_SECRET));
        JsonPath status = ProviderCalls.status(partner, donation);
        assertEquals("COMPLETED", status.getString("status"));
        assertEquals(1, status.getList("charges").size());
        assertEquals(2500, status.getInt("charges[0].amount"));
        assertEquals(1, actionsSubmitted(donation));

        assertEquals(
                404,
                ProviderCalls.everyOrg(
                        body.replace(donation, "don_unknown00000000000000"), ConfiguredProviders.EVERY_ORG_SECRET));
    }

    private static String linkParameter(String link, String name) {
        for (String pair : URI.create(link).getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        throw new AssertionError("no " + name + " in " + link);
    }
}
