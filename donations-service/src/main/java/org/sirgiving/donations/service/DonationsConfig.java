package org.sirgiving.donations.service;

import io.smallrye.config.ConfigMapping;
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

    interface Stripe {
        String apiBaseUrl();

        Optional<String> secretKey();

        Optional<String> webhookSecret();

        String successUrl();

        String cancelUrl();
    }

    interface EveryOrg {
        String donateBaseUrl();

        Optional<String> webhookToken();
    }
}
