package org.sirgiving.donations.provider.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sirgiving.donations.provider.NotificationKind;
import org.sirgiving.donations.provider.Provider;
import org.sirgiving.donations.provider.ProviderNotification;
import org.sirgiving.donations.support.StripeWebhooks;

class StripeEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-12-02T05:00:00Z");

    private static Optional<ProviderNotification> map(String type, String object) throws Exception {
        JsonNode event = JSON.readTree(StripeWebhooks.event("evt_1", type, AT, object));
        return StripeEvents.toNotification(event);
    }

    @Test
    void aPaidCompletedSessionIsTheFirstChargeKeyedByItsPaymentIntent() throws Exception {
        ProviderNotification n = map("checkout.session.completed", StripeWebhooks.paymentSession("don_a", "paid", 2500))
                .orElseThrow();
        assertEquals(
                new ProviderNotification(
                        Provider.STRIPE,
                        "don_a",
                        "cs_test_don_a",
                        NotificationKind.CHARGE_SUCCEEDED,
                        "pi_don_a",
                        2500,
                        "USD",
                        AT),
                n);
    }

    @Test
    void theTipChargedWithTheDonationIsNotPartOfTheReportedAmount() throws Exception {
        String session = StripeWebhooks.paymentSession("don_t", "paid", 2800)
                .replace("\"metadata\":{", "\"metadata\":{\"tipMinor\":\"300\",");
        assertEquals(
                2500, map("checkout.session.completed", session).orElseThrow().amountMinor());
        String renewal = StripeWebhooks.invoice("in_5", "don_t", "subscription_cycle", 2800)
                .replace("\"metadata\":{", "\"metadata\":{\"tipMinor\":\"300\",");
        assertEquals(2500, map("invoice.paid", renewal).orElseThrow().amountMinor());
    }

    @Test
    void anUnpaidCompletedSessionOnlyOpensTheCheckoutAndItsAsyncOutcomeIsTheSameCharge() throws Exception {
        assertEquals(
                NotificationKind.CHECKOUT_OPENED,
                map("checkout.session.completed", StripeWebhooks.paymentSession("don_b", "unpaid", 900))
                        .orElseThrow()
                        .kind());
        ProviderNotification ok = map(
                        "checkout.session.async_payment_succeeded", StripeWebhooks.paymentSession("don_b", "paid", 900))
                .orElseThrow();
        ProviderNotification failed = map(
                        "checkout.session.async_payment_failed", StripeWebhooks.paymentSession("don_b", "unpaid", 900))
                .orElseThrow();
        assertEquals(NotificationKind.CHARGE_SUCCEEDED, ok.kind());
        assertEquals(NotificationKind.CHARGE_FAILED, failed.kind());
        assertEquals("pi_don_b", ok.providerChargeId());
        assertEquals("pi_don_b", failed.providerChargeId());
    }

    @Test
    void anExpiredSessionExpiresTheCheckout() throws Exception {
        assertEquals(
                NotificationKind.CHECKOUT_EXPIRED,
                map("checkout.session.expired", StripeWebhooks.paymentSession("don_c", "unpaid", 900))
                        .orElseThrow()
                        .kind());
    }

    @Test
    void aSubscriptionSessionIsKeyedByItsFirstInvoiceAndThatInvoiceIsNotASecondCharge() throws Exception {
        ProviderNotification first = map(
                        "checkout.session.completed", StripeWebhooks.subscriptionSession("don_m", 1000))
                .orElseThrow();
        assertEquals("in_first_don_m", first.providerChargeId());
        assertEquals(
                Optional.empty(),
                map("invoice.paid", StripeWebhooks.invoice("in_first_don_m", "don_m", "subscription_create", 1000)));
    }

    @Test
    void aRenewalInvoiceIsTheNextChargeKeyedByTheInvoice() throws Exception {
        ProviderNotification renewal = map(
                        "invoice.paid", StripeWebhooks.invoice("in_2", "don_m", "subscription_cycle", 1000))
                .orElseThrow();
        assertEquals(NotificationKind.CHARGE_SUCCEEDED, renewal.kind());
        assertEquals("don_m", renewal.partnerDonationId());
        assertEquals("in_2", renewal.providerChargeId());
        assertEquals("sub_don_m", renewal.providerReference());
        assertEquals(1000, renewal.amountMinor());
        ProviderNotification failed = map(
                        "invoice.payment_failed",
                        StripeWebhooks.invoice("in_3", "don_m", "subscription_cycle", 1000)
                                .replace("\"billing_reason\"", "\"attempt_count\":2,\"billing_reason\""))
                .orElseThrow();
        assertEquals(NotificationKind.CHARGE_FAILED, failed.kind());
        // A failed attempt is not the invoice's charge id: the invoice may still be paid on Stripe's next retry.
        assertEquals("in_3:attempt-2", failed.providerChargeId());
    }

    @Test
    void anInvoiceInThePre2025ShapeStillNamesItsDonation() throws Exception {
        String old = "{\"id\":\"in_9\",\"object\":\"invoice\",\"billing_reason\":\"subscription_cycle\","
                + "\"amount_paid\":700,\"currency\":\"eur\",\"subscription\":\"sub_x\","
                + "\"subscription_details\":{\"metadata\":{\"partnerDonationId\":\"don_old\"}}}";
        ProviderNotification n = map("invoice.paid", old).orElseThrow();
        assertEquals("don_old", n.partnerDonationId());
        assertEquals("sub_x", n.providerReference());
        assertEquals("EUR", n.currency());
    }

    @Test
    void eventsWeDoNotActOnOrThatNameNoDonationOfOursMapToNothing() throws Exception {
        assertTrue(map("customer.created", "{\"id\":\"cus_1\",\"object\":\"customer\"}")
                .isEmpty());
        assertTrue(map("invoice.paid", "{\"id\":\"in_1\",\"billing_reason\":\"manual\",\"amount_paid\":5}")
                .isEmpty());
        assertTrue(
                map("checkout.session.completed", "{\"id\":\"cs_1\",\"mode\":\"payment\",\"payment_status\":\"paid\"}")
                        .isEmpty());
        assertTrue(map("checkout.session.completed", StripeWebhooks.paymentSession("don_f", "no_payment_required", 0))
                .isEmpty());
    }
}
