package org.sirgiving.donations.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.sirgiving.donations.provider.stripe.StripeSignature;

/** Events shaped as Stripe sends them (API reference, "The Event object"), and their Stripe-Signature headers. */
public final class StripeWebhooks {
    private StripeWebhooks() {}

    public static String header(String body, String secret, Instant signedAt) {
        long t = signedAt.getEpochSecond();
        return "t=" + t + ",v1=" + StripeSignature.sign(t, body.getBytes(StandardCharsets.UTF_8), secret)
                + ",v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39";
    }

    public static String event(String id, String type, Instant created, String object) {
        return "{\"id\":\"" + id + "\",\"object\":\"event\",\"api_version\":\"2025-03-31.basil\",\"created\":"
                + created.getEpochSecond() + ",\"livemode\":false,\"type\":\"" + type + "\",\"data\":{\"object\":"
                + object + "}}";
    }

    /** A payment-mode session: payment intent {@code pi_<donation>}. */
    public static String paymentSession(String donation, String paymentStatus, long amount) {
        return "{\"id\":\"cs_test_" + donation + "\",\"object\":\"checkout.session\",\"mode\":\"payment\","
                + "\"client_reference_id\":\"" + donation + "\",\"metadata\":{\"partnerDonationId\":\"" + donation
                + "\"},\"payment_status\":\"" + paymentStatus + "\",\"status\":\"complete\",\"amount_total\":" + amount
                + ",\"currency\":\"usd\",\"payment_intent\":\"pi_" + donation + "\"}";
    }

    /** A subscription-mode session whose first invoice is {@code in_first_<donation>}. */
    public static String subscriptionSession(String donation, long amount) {
        return "{\"id\":\"cs_test_" + donation + "\",\"object\":\"checkout.session\",\"mode\":\"subscription\","
                + "\"client_reference_id\":\"" + donation + "\",\"metadata\":{\"partnerDonationId\":\"" + donation
                + "\"},\"payment_status\":\"paid\",\"status\":\"complete\",\"amount_total\":" + amount
                + ",\"currency\":\"usd\",\"payment_intent\":null,\"subscription\":\"sub_" + donation
                + "\",\"invoice\":\"in_first_" + donation + "\"}";
    }

    /** An invoice in the 2025-03-31 shape (subscription metadata under parent.subscription_details). */
    public static String invoice(String invoiceId, String donation, String billingReason, long amount) {
        return "{\"id\":\"" + invoiceId + "\",\"object\":\"invoice\",\"billing_reason\":\"" + billingReason
                + "\",\"amount_due\":" + amount + ",\"amount_paid\":" + amount + ",\"currency\":\"usd\",\"parent\":{"
                + "\"type\":\"subscription_details\",\"subscription_details\":{\"metadata\":{\"partnerDonationId\":\""
                + donation + "\"},\"subscription\":\"sub_" + donation + "\"}}}";
    }
}
