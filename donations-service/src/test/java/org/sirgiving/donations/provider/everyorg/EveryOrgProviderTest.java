package org.sirgiving.donations.provider.everyorg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sirgiving.donations.domain.Frequency;
import org.sirgiving.donations.provider.CheckoutLink;
import org.sirgiving.donations.provider.CheckoutRequest;
import org.sirgiving.donations.provider.ProviderUnavailable;
import org.sirgiving.events.Environment;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.errors.ErrorCode;

class EveryOrgProviderTest {
    private static final EveryOrgSettings CONFIGURED = new EveryOrgSettings(
            "https://www.every.org/", Optional.of("tok_from_every_org"), Optional.of("s3cret"), "https://gw.example");

    private static CheckoutRequest request(Frequency frequency, long amount, String currency, long tip) {
        return request(frequency, amount, currency, tip, null);
    }

    private static CheckoutRequest request(
            Frequency frequency, long amount, String currency, long tip, String returnUrl) {
        return new CheckoutRequest(
                "don_42",
                "ptn_9",
                Environment.PRODUCTION,
                "against-malaria-foundation",
                "Against Malaria Foundation",
                "20-3069841",
                amount,
                currency,
                frequency,
                tip,
                "grace@example.com",
                "Grace",
                "Hopper",
                returnUrl);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> q = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            q.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    @Test
    void theLinkIsEveryOrgsDonateLinkForTheNonprofitWithEveryDocumentedParameter() {
        CheckoutLink link = new EveryOrgProvider(CONFIGURED).link(request(Frequency.ONCE, 2550, "USD", 0));
        URI uri = URI.create(link.url());

        assertEquals("https", uri.getScheme());
        assertEquals("www.every.org", uri.getHost());
        assertEquals("/against-malaria-foundation", uri.getPath());
        assertEquals("/donate", uri.getFragment());
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("amount", "25.5");
        expected.put("frequency", "ONCE");
        expected.put("first_name", "Grace");
        expected.put("last_name", "Hopper");
        expected.put("email", "grace@example.com");
        expected.put("partner_donation_id", "don_42");
        expected.put("webhook_token", "tok_from_every_org");
        expected.put("success_url", "https://gw.example/donate/thanks?partnerDonationId=don_42");
        expected.put("exit_url", "https://gw.example/donate/thanks?partnerDonationId=don_42&cancelled=true");
        assertEquals(expected, query(uri));
        assertEquals(null, link.providerReference());
    }

    @Test
    void thePartnersReturnUrlIsWhereEveryOrgSendsTheDonorBack() {
        URI uri = URI.create(new EveryOrgProvider(CONFIGURED)
                .link(request(Frequency.ONCE, 2500, "USD", 0, "https://shop.example/return"))
                .url());
        assertEquals(
                "https://shop.example/return?partnerDonationId=don_42",
                query(uri).get("success_url"));
        assertEquals(
                "https://shop.example/return?partnerDonationId=don_42&cancelled=true",
                query(uri).get("exit_url"));
    }

    @Test
    void aMonthlyDonationAsksEveryOrgForMonthlyAndWholeDollarsHaveNoDecimals() {
        URI uri = URI.create(new EveryOrgProvider(CONFIGURED)
                .link(request(Frequency.MONTHLY, 10000, "USD", 0))
                .url());
        assertEquals("MONTHLY", query(uri).get("frequency"));
        assertEquals("100", query(uri).get("amount"));
    }

    @Test
    void withoutTheWebhookTokenOrSecretEveryOrgIsUnavailable() {
        EveryOrgSettings noToken =
                new EveryOrgSettings("https://www.every.org", Optional.empty(), Optional.of("s"), "https://gw.example");
        EveryOrgSettings noSecret =
                new EveryOrgSettings("https://www.every.org", Optional.of("t"), Optional.empty(), "https://gw.example");
        assertThrows(
                ProviderUnavailable.class,
                () -> new EveryOrgProvider(noToken).link(request(Frequency.ONCE, 1000, "USD", 0)));
        assertThrows(
                ProviderUnavailable.class,
                () -> new EveryOrgProvider(noSecret).link(request(Frequency.ONCE, 1000, "USD", 0)));
    }

    @Test
    void aCurrencyOtherThanUsdOrATipIsRefusedWithTheFieldNamed() {
        ApiException currency = assertThrows(
                ApiException.class,
                () -> new EveryOrgProvider(CONFIGURED).link(request(Frequency.ONCE, 1000, "EUR", 0)));
        assertEquals(ErrorCode.VALIDATION_FAILED, currency.code());
        assertEquals("currency", currency.details().get(0).field());
        ApiException tip = assertThrows(
                ApiException.class,
                () -> new EveryOrgProvider(CONFIGURED).link(request(Frequency.ONCE, 1000, "USD", 100)));
        assertEquals("tipAmount", tip.details().get(0).field());
    }
}
