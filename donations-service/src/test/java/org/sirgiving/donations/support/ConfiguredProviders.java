package org.sirgiving.donations.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Production providers configured as in a real deployment, Stripe's API being {@link FakeStripe} (a local server
 * answering as Stripe does); every.org needs no API for its links.
 */
public class ConfiguredProviders implements QuarkusTestResourceLifecycleManager {
    public static final String STRIPE_SECRET_KEY = "sk_test_providers";
    public static final String STRIPE_WEBHOOK_SECRET = "whsec_providers_test";
    public static final String EVERY_ORG_TOKEN = "eo_token_test";
    public static final String EVERY_ORG_SECRET = "eo_secret_test";

    private FakeStripe stripe;

    @Override
    public Map<String, String> start() {
        stripe = new FakeStripe();
        return Map.of(
                "sir.donations.stripe.api-base-url", stripe.baseUrl(),
                "sir.donations.stripe.secret-key", STRIPE_SECRET_KEY,
                "sir.donations.stripe.webhook-secret", STRIPE_WEBHOOK_SECRET,
                "sir.donations.every-org.webhook-token", EVERY_ORG_TOKEN,
                "sir.donations.every-org.webhook-secret", EVERY_ORG_SECRET);
    }

    @Override
    public void stop() {
        if (stripe != null) {
            stripe.close();
        }
    }
}
