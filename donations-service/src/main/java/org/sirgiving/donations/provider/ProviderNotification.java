package org.sirgiving.donations.provider;

import java.time.Instant;

/**
 * What a provider told us about a donation, in our terms: the one input of {@code DonationService.apply}, whichever
 * provider (sandbox buttons, Stripe or every.org webhooks) it came from. {@code providerChargeId} names a charge
 * (CHARGE_* kinds) and is what makes a repeated confirmation a no-op; amounts are minor units without the tip.
 */
public record ProviderNotification(
        Provider provider,
        String partnerDonationId,
        String providerReference,
        NotificationKind kind,
        String providerChargeId,
        long amountMinor,
        String currency,
        Instant occurredAt) {}
