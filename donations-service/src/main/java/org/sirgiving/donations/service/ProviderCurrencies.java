package org.sirgiving.donations.service;

import java.util.Set;
import org.sirgiving.donations.provider.Provider;

/**
 * The currencies each provider takes for donations. every.org's donate link is in US dollars only; Stripe takes many,
 * these are the ones our nonprofits are set up for. The sandbox takes whatever the organization lists.
 */
public final class ProviderCurrencies {
    private static final Set<String> STRIPE = Set.of("USD", "EUR", "GBP", "CAD", "AUD");
    private static final Set<String> EVERY_ORG = Set.of("USD");

    public static boolean supports(Provider provider, String currency) {
        return switch (provider) {
            case SANDBOX -> true;
            case STRIPE -> STRIPE.contains(currency);
            case EVERY_ORG -> EVERY_ORG.contains(currency);
        };
    }

    private ProviderCurrencies() {}
}
