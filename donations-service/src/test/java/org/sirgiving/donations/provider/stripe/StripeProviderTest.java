package org.sirgiving.donations.provider.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sirgiving.donations.domain.Frequency;
import org.sirgiving.donations.provider.CheckoutLink;
import org.sirgiving.donations.provider.CheckoutRequest;
import org.sirgiving.donations.provider.ProviderUnavailable;
import org.sirgiving.donations.support.FakeStripe;
import org.sirgiving.events.Environment;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.errors.ErrorCode;

/** StripeProvider against a local server answering as Stripe's API does (no Quarkus: the provider is plain code). */
class StripeProviderTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static Vertx vertx;
    private static FakeStripe stripe;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        stripe = new FakeStripe();
    }

    @AfterAll
    static void stop() {
        stripe.close();
        vertx.closeAndAwait();
    }

    @BeforeEach
    void clean() {
        stripe.reset();
    }

    private static StripeProvider provider(Optional<String> secretKey) {
        return new StripeProvider(
                vertx,
                new StripeSettings(
                        stripe.baseUrl() + "/",
                        secretKey,
                        Optional.of("whsec_x"),
                        "https://gw.example/",
                        Optional.empty(),
                        Optional.empty()),
                new ObjectMapper());
    }

    private static CheckoutRequest request(Frequency frequency, long tip) {
        return request(frequency, tip, null);
    }

    private static CheckoutRequest request(Frequency frequency, long tip, String returnUrl) {
        return new CheckoutRequest(
                "don_123",
                "ptn_9",
                Environment.PRODUCTION,
                "givedirectly",
                "GiveDirectly",
                "27-1661997",
                2500,
                "USD",
                frequency,
                tip,
                "ada@example.com",
                "Ada",
                "Lovelace",
                returnUrl);
    }

    @Test
    void aOneOffDonationIsAPaymentModeSessionWithExactlyTheseFields() {
        CheckoutLink link = provider(Optional.of("sk_test_abc"))
                .createCheckout(request(Frequency.ONCE, 0))
                .await()
                .atMost(WAIT);

        assertEquals("https://checkout.stripe.com/c/pay/cs_test_fake1", link.url());
        assertEquals("cs_test_fake1", link.providerReference());
        FakeStripe.Received r = stripe.received().get(0);
        assertEquals("POST", r.method());
        assertEquals("/v1/checkout/sessions", r.path());
        assertEquals("Bearer sk_test_abc", r.headers().get("authorization"));
        assertEquals("application/x-www-form-urlencoded", r.headers().get("content-type"));
        assertEquals("sir-checkout-don_123", r.headers().get("idempotency-key"));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("mode", "payment");
        expected.put("submit_type", "donate");
        expected.put("client_reference_id", "don_123");
        expected.put("customer_email", "ada@example.com");
        expected.put("success_url", "https://gw.example/donate/thanks?partnerDonationId=don_123");
        expected.put("cancel_url", "https://gw.example/donate/thanks?cancelled=true&partnerDonationId=don_123");
        expected.put("line_items[0][quantity]", "1");
        expected.put("line_items[0][price_data][currency]", "usd");
        expected.put("line_items[0][price_data][unit_amount]", "2500");
        expected.put("line_items[0][price_data][product_data][name]", "Donation to GiveDirectly");
        expected.put("metadata[partnerDonationId]", "don_123");
        expected.put("metadata[partnerId]", "ptn_9");
        expected.put("metadata[nonprofitSlug]", "givedirectly");
        expected.put("metadata[tipMinor]", "0");
        expected.put("payment_intent_data[metadata][partnerDonationId]", "don_123");
        expected.put("payment_intent_data[metadata][tipMinor]", "0");
        assertEquals(expected, r.form());
    }

    @Test
    void thePartnersReturnUrlIsWhereStripeSendsTheDonorBackPaidOrNot() {
        provider(Optional.of("sk_test_abc"))
                .createCheckout(request(Frequency.ONCE, 0, "https://shop.example/return?from=sir#done"))
                .await()
                .atMost(WAIT);

        Map<String, String> form = stripe.received().get(0).form();
        assertEquals("https://shop.example/return?from=sir&partnerDonationId=don_123#done", form.get("success_url"));
        assertEquals(
                "https://shop.example/return?from=sir&partnerDonationId=don_123&cancelled=true#done",
                form.get("cancel_url"));
    }

    @Test
    void aMonthlyDonationIsASubscriptionWithMonthlyPricesAndTheTipAsASecondLine() {
        provider(Optional.of("sk_test_abc"))
                .createCheckout(request(Frequency.MONTHLY, 300))
                .await()
                .atMost(WAIT);

        Map<String, String> form = stripe.received().get(0).form();
        assertEquals("subscription", form.get("mode"));
        assertEquals(null, form.get("submit_type"));
        assertEquals("month", form.get("line_items[0][price_data][recurring][interval]"));
        assertEquals("2500", form.get("line_items[0][price_data][unit_amount]"));
        assertEquals("300", form.get("line_items[1][price_data][unit_amount]"));
        assertEquals("usd", form.get("line_items[1][price_data][currency]"));
        assertEquals("month", form.get("line_items[1][price_data][recurring][interval]"));
        assertEquals(StripeCheckoutForm.TIP_NAME, form.get("line_items[1][price_data][product_data][name]"));
        assertEquals("don_123", form.get("subscription_data[metadata][partnerDonationId]"));
        assertEquals("300", form.get("subscription_data[metadata][tipMinor]"));
        assertEquals("300", form.get("metadata[tipMinor]"));
        assertEquals(null, form.get("payment_intent_data[metadata][partnerDonationId]"));
    }

    @Test
    void withoutASecretKeyNothingIsSentAndTheProviderIsUnavailable() {
        Throwable failure = assertThrows(
                ProviderUnavailable.class,
                () -> provider(Optional.empty())
                        .createCheckout(request(Frequency.ONCE, 0))
                        .await()
                        .atMost(WAIT));
        assertInstanceOf(ProviderUnavailable.class, failure);
        assertEquals(0, stripe.received().size());
    }

    @Test
    void aDonationStripeRefusesIsUnprocessableWithStripesReason() {
        stripe.failWith(400, "invalid_request_error", "amount_too_small", "Amount must be at least $0.50 usd");
        ApiException e = assertThrows(
                ApiException.class,
                () -> provider(Optional.of("sk_test_abc"))
                        .createCheckout(request(Frequency.ONCE, 0))
                        .await()
                        .atMost(WAIT));
        assertEquals(ErrorCode.UNPROCESSABLE, e.code());
        assertEquals(
                "Stripe refused this donation (amount_too_small): Amount must be at least $0.50 usd", e.getMessage());
    }

    @Test
    void aRejectedKeyOrAStripeOutageIsUnavailableNotThePartnersFault() {
        stripe.failWith(401, "invalid_request_error", "", "Invalid API Key provided: sk_test_***abc");
        assertThrows(
                ProviderUnavailable.class,
                () -> provider(Optional.of("sk_test_abc"))
                        .createCheckout(request(Frequency.ONCE, 0))
                        .await()
                        .atMost(WAIT));
        stripe.failWith(500, "api_error", "", "Something went wrong on Stripe's end.");
        assertThrows(
                ProviderUnavailable.class,
                () -> provider(Optional.of("sk_test_abc"))
                        .createCheckout(request(Frequency.ONCE, 0))
                        .await()
                        .atMost(WAIT));
    }

    @Test
    void anUnreachableStripeIsUnavailable() {
        StripeProvider nowhere = new StripeProvider(
                vertx,
                new StripeSettings(
                        "http://127.0.0.1:1",
                        Optional.of("sk_test_abc"),
                        Optional.empty(),
                        "https://gw.example",
                        Optional.empty(),
                        Optional.empty()),
                new ObjectMapper());
        assertThrows(
                ProviderUnavailable.class,
                () -> nowhere.createCheckout(request(Frequency.ONCE, 0)).await().atMost(WAIT));
    }
}
