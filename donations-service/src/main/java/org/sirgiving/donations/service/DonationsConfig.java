package org.sirgiving.donations.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** {@code sir.donations.*} (application.properties explains each; Helm and the local run set them). */
@ConfigMapping(prefix = "sir.donations")
public interface DonationsConfig {
    /** The gateway's public URL; sandbox checkout links are {@code <it>/donate/checkout/<token>}. */
    String publicBaseUrl();

    /** How long a link may be opened before the donation EXPIRES. */
    Duration linkTtl();

    Stripe stripe();

    EveryOrg everyOrg();

    /** Read through provider/stripe/StripeSettings, which derives the return URLs and keeps secrets out of logs. */
    interface Stripe {
        @WithDefault("https://api.stripe.com")
        String apiBaseUrl();

        Optional<String> secretKey();

        Optional<String> webhookSecret();

        /** Default {@code <public-base-url>/donate/thanks}. */
        Optional<String> successUrl();

        /** Default {@code <public-base-url>/donate/thanks?cancelled=true}. */
        Optional<String> cancelUrl();
    }

    /** Read through provider/everyorg/EveryOrgSettings. */
    interface EveryOrg {
        @WithDefault("https://www.every.org")
        String donateBaseUrl();

        Optional<String> webhookToken();

        /** Ours: the secret in the webhook address registered with every.org (provider/everyorg/EveryOrgSettings). */
        Optional<String> webhookSecret();
    }
}
