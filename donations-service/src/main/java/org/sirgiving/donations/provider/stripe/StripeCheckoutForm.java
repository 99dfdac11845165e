package org.sirgiving.donations.provider.stripe;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.sirgiving.donations.domain.Frequency;
import org.sirgiving.donations.provider.CheckoutRequest;
import org.sirgiving.donations.provider.ReturnUrls;

/**
 * The form of {@code POST /v1/checkout/sessions} (Stripe API reference, "Create a Checkout Session"): Stripe takes
 * form-encoded parameters with nested names in brackets. A one-off gift is {@code mode=payment}; a monthly one is
 * {@code mode=subscription} with an inline recurring price ({@code price_data[recurring][interval]=month}), so no
 * Product or Price objects have to be created first. The donation id rides along three ways: as
 * {@code client_reference_id} and {@code metadata[partnerDonationId]} on the session (its events), and on the payment
 * intent or subscription it creates, so that a renewal invoice, which does not reference the session, still names it.
 */
public final class StripeCheckoutForm {
    static final String TIP_NAME = "Tip to SIR Giving";

    private StripeCheckoutForm() {}

    public static Map<String, String> fields(CheckoutRequest request, StripeSettings settings) {
        boolean monthly = request.frequency() == Frequency.MONTHLY;
        String currency = request.currency().toLowerCase(Locale.ROOT);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("mode", monthly ? "subscription" : "payment");
        if (!monthly) {
            // Stripe shows "Donate" on the pay button; submit_type is refused in subscription mode.
            form.put("submit_type", "donate");
        }
        form.put("client_reference_id", request.partnerDonationId());
        form.put("customer_email", request.donorEmail());
        String id = request.partnerDonationId();
        String back = request.returnUrl();
        form.put("success_url", back != null ? ReturnUrls.of(back, id, false) : settings.successUrl(id));
        form.put("cancel_url", back != null ? ReturnUrls.of(back, id, true) : settings.cancelUrl(id));
        lineItem(form, 0, currency, request.amountMinor(), "Donation to " + request.nonprofitName(), monthly);
        if (request.tipMinor() > 0) {
            // The tip is charged with each charge of the donation, so a monthly tip recurs with it.
            lineItem(form, 1, currency, request.tipMinor(), TIP_NAME, monthly);
        }
        form.put("metadata[partnerDonationId]", request.partnerDonationId());
        form.put("metadata[partnerId]", request.partnerId());
        form.put("metadata[nonprofitSlug]", request.nonprofitSlug());
        // The tip per charge, so that a webhook can report the charge without it (ProviderNotification's amounts).
        form.put("metadata[tipMinor]", Long.toString(request.tipMinor()));
        String carrier = monthly ? "subscription_data" : "payment_intent_data";
        form.put(carrier + "[metadata][partnerDonationId]", request.partnerDonationId());
        form.put(carrier + "[metadata][tipMinor]", Long.toString(request.tipMinor()));
        return form;
    }

    private static void lineItem(
            Map<String, String> form, int index, String currency, long amountMinor, String name, boolean monthly) {
        String item = "line_items[" + index + "]";
        form.put(item + "[quantity]", "1");
        form.put(item + "[price_data][currency]", currency);
        form.put(item + "[price_data][unit_amount]", Long.toString(amountMinor));
        form.put(item + "[price_data][product_data][name]", name);
        if (monthly) {
            form.put(item + "[price_data][recurring][interval]", "month");
        }
    }

    /** {@code application/x-www-form-urlencoded}, brackets and all percent-encoded as curl's --data-urlencode does. */
    public static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
