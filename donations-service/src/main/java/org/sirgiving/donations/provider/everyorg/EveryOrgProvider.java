package org.sirgiving.donations.provider.everyorg;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.sirgiving.donations.domain.Frequency;
import org.sirgiving.donations.provider.CheckoutLink;
import org.sirgiving.donations.provider.CheckoutRequest;
import org.sirgiving.donations.provider.PaymentProvider;
import org.sirgiving.donations.provider.Provider;
import org.sirgiving.donations.provider.ProviderUnavailable;
import org.sirgiving.donations.provider.ReturnUrls;
import org.sirgiving.kernel.errors.ApiException;

/**
 * Production every.org: its documented Donate Link, {@code https://www.every.org/<slug>?<parameters>#/donate}, opens
 * every.org's own donation flow for the nonprofit with the amount, frequency and donor prefilled. No call to every.org
 * is needed to create it. {@code partner_donation_id} comes back in every.org's partner webhook, and
 * {@code webhook_token} (issued by every.org with the webhook) is what makes every.org send that webhook at all.
 * every.org takes US dollars only and has no parameter for a partner's tip (its own flow asks the donor for a tip to
 * every.org), so other currencies and non-zero tips are refused rather than silently dropped.
 */
@Singleton
public class EveryOrgProvider implements PaymentProvider {
    private final EveryOrgSettings settings;

    public EveryOrgProvider(EveryOrgSettings settings) {
        this.settings = settings;
    }

    @Override
    public Provider provider() {
        return Provider.EVERY_ORG;
    }

    @Override
    public Uni<CheckoutLink> createCheckout(CheckoutRequest request) {
        return Uni.createFrom().item(() -> link(request));
    }

    CheckoutLink link(CheckoutRequest request) {
        if (!settings.configured()) {
            throw new ProviderUnavailable("every.org is not configured on this platform");
        }
        if (!request.currency().equals("USD")) {
            throw ApiException.validation("currency", "every.org takes donations in USD only");
        }
        if (request.tipMinor() != 0) {
            throw ApiException.validation(
                    "tipAmount", "every.org links cannot carry a tip; send no tip, or use provider stripe");
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("amount", major(request.amountMinor(), request.currency()));
        query.put("frequency", request.frequency() == Frequency.MONTHLY ? "MONTHLY" : "ONCE");
        query.put("first_name", request.firstName());
        query.put("last_name", request.lastName());
        query.put("email", request.donorEmail());
        query.put("partner_donation_id", request.partnerDonationId());
        query.put("webhook_token", settings.webhookToken().orElseThrow());
        // The partner's page, or the platform's thank-you page; cancelled=true tells a donor who left that nothing was
        // taken.
        String back = request.returnUrl() != null ? request.returnUrl() : settings.returnUrl();
        query.put("success_url", ReturnUrls.of(back, request.partnerDonationId(), false));
        query.put("exit_url", ReturnUrls.of(back, request.partnerDonationId(), true));
        String url = settings.donateBaseUrl() + "/" + URLEncoder.encode(request.nonprofitSlug(), StandardCharsets.UTF_8)
                + "?" + encode(query) + "#/donate";
        // every.org has no checkout object of its own until the donor pays: no reference yet.
        return new CheckoutLink(url, null);
    }

    /** every.org's {@code amount} is in currency units (dollars), not minor units. */
    static String major(long minor, String currency) {
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        return BigDecimal.valueOf(minor)
                .movePointLeft(digits)
                .stripTrailingZeros()
                .toPlainString();
    }

    private static String encode(Map<String, String> query) {
        return query.entrySet().stream()
                .filter(e -> e.getValue() != null && !e.getValue().isBlank())
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
