package org.sirgiving.donations.provider.stripe;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.sirgiving.donations.service.DonationsConfig;

/**
 * Stripe's configuration (Helm/local set it; docs/partners/donations.md "Production providers"). Without a secret key
 * production Stripe links answer 503; without a webhook secret the webhook answers 503, so Stripe retries until it is
 * set rather than having its events dropped. The secrets are never logged and never part of {@link #toString()}.
 */
@Singleton
public class StripeSettings {
    private final String apiBaseUrl;
    private final Optional<String> secretKey;
    private final Optional<String> webhookSecret;
    private final String successUrl;
    private final String cancelUrl;

    @Inject
    public StripeSettings(DonationsConfig config) {
        this(
                config.stripe().apiBaseUrl(),
                config.stripe().secretKey(),
                config.stripe().webhookSecret(),
                config.publicBaseUrl(),
                config.stripe().successUrl(),
                config.stripe().cancelUrl());
    }

    /** From the values themselves (the unit tests); blank secrets count as absent. */
    public StripeSettings(
            String apiBaseUrl,
            Optional<String> secretKey,
            Optional<String> webhookSecret,
            String publicBaseUrl,
            Optional<String> successUrl,
            Optional<String> cancelUrl) {
        this.apiBaseUrl = trimSlash(apiBaseUrl);
        this.secretKey = secretKey.filter(s -> !s.isBlank());
        this.webhookSecret = webhookSecret.filter(s -> !s.isBlank());
        this.successUrl = successUrl.filter(s -> !s.isBlank()).orElse(trimSlash(publicBaseUrl) + "/donate/thanks");
        this.cancelUrl =
                cancelUrl.filter(s -> !s.isBlank()).orElse(trimSlash(publicBaseUrl) + "/donate/thanks?cancelled=true");
    }

    public String apiBaseUrl() {
        return apiBaseUrl;
    }

    public Optional<String> secretKey() {
        return secretKey;
    }

    public Optional<String> webhookSecret() {
        return webhookSecret;
    }

    /** Where Stripe sends the donor after paying; carries the donation id so the page can show its status. */
    public String successUrl(String partnerDonationId) {
        return withDonation(successUrl, partnerDonationId);
    }

    /** Where Stripe sends the donor who leaves the checkout. */
    public String cancelUrl(String partnerDonationId) {
        return withDonation(cancelUrl, partnerDonationId);
    }

    static String withDonation(String url, String partnerDonationId) {
        return url + (url.contains("?") ? "&" : "?") + "partnerDonationId="
                + URLEncoder.encode(partnerDonationId, StandardCharsets.UTF_8);
    }

    static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String toString() {
        return "StripeSettings[apiBaseUrl=" + apiBaseUrl + ", secretKey=" + (secretKey.isPresent() ? "set" : "unset")
                + ", webhookSecret=" + (webhookSecret.isPresent() ? "set" : "unset") + "]";
    }
}
