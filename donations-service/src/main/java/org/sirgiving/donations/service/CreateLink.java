package org.sirgiving.donations.service;

import org.sirgiving.donations.domain.Frequency;
import org.sirgiving.donations.provider.Provider;

/** A partner's create-link request, checked for form; amounts in minor units. */
public record CreateLink(
        String nonprofitSlug,
        long amountMinor,
        String currency,
        Frequency frequency,
        Provider provider,
        String donorEmail,
        String firstName,
        String lastName,
        Long tipAmount,
        Integer tipPercent,
        String referralCode,
        String partnerUserId,
        String returnUrl,
        String idempotencyKey,
        String fingerprint) {}
