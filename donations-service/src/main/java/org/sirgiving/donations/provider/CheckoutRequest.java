package org.sirgiving.donations.provider;

import org.sirgiving.donations.domain.Frequency;
import org.sirgiving.events.Environment;

/** What a provider needs to open a checkout for one donation (amounts in minor units; tip on top of amount). */
public record CheckoutRequest(
        String partnerDonationId,
        String partnerId,
        Environment environment,
        String nonprofitSlug,
        String nonprofitName,
        String nonprofitEin,
        long amountMinor,
        String currency,
        Frequency frequency,
        long tipMinor,
        String donorEmail,
        String firstName,
        String lastName,
        // The partner's page to send the donor back to (create-link's returnUrl); null: the platform's thank-you page.
        String returnUrl) {}
