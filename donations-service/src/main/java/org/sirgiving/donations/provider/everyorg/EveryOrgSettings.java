package org.sirgiving.donations.provider.everyorg;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.sirgiving.donations.service.DonationsConfig;

/**
 * every.org's configuration. The {@code webhook-token} is the token every.org issues with a partner webhook: put on
 * the donate link, it makes every.org notify our webhook. It travels in the donor's browser, so it proves nothing about
 * who calls the webhook. every.org documents no signature on its webhook, so the address we register with every.org
 * carries a second value, {@code webhook-secret}, that only every.org and we know ({@code ?secret=…}; see
 * docs/partners/donations.md "every.org"). Either absent: production every.org links answer 503 and the webhook 503.
 */
@Singleton
public class EveryOrgSettings {
    private final String donateBaseUrl;
    private final Optional<String> webhookToken;
    private final Optional<String> webhookSecret;
    private final String returnBaseUrl;

    @Inject
    public EveryOrgSettings(DonationsConfig config) {
        this(
                config.everyOrg().donateBaseUrl(),
                config.everyOrg().webhookToken(),
                config.everyOrg().webhookSecret(),
                config.publicBaseUrl());
    }

    /** From the values themselves (the unit tests); blank values count as absent. */
    public EveryOrgSettings(
            String donateBaseUrl, Optional<String> webhookToken, Optional<String> webhookSecret, String publicBaseUrl) {
        this.donateBaseUrl = trimSlash(donateBaseUrl);
        this.webhookToken = webhookToken.filter(s -> !s.isBlank());
        this.webhookSecret = webhookSecret.filter(s -> !s.isBlank());
        this.returnBaseUrl = trimSlash(publicBaseUrl) + "/donate/thanks";
    }

    public String donateBaseUrl() {
        return donateBaseUrl;
    }

    public Optional<String> webhookToken() {
        return webhookToken;
    }

    public Optional<String> webhookSecret() {
        return webhookSecret;
    }

    public boolean configured() {
        return webhookToken.isPresent() && webhookSecret.isPresent();
    }

    /** The thank-you page (A's {@code /donate/thanks}); every.org appends nothing, so the donation id is ours to add. */
    public String returnUrl() {
        return returnBaseUrl;
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String toString() {
        return "EveryOrgSettings[donateBaseUrl=" + donateBaseUrl + ", webhookToken="
                + (webhookToken.isPresent() ? "set" : "unset") + ", webhookSecret="
                + (webhookSecret.isPresent() ? "set" : "unset") + "]";
    }
}
