package org.sirgiving.donations.provider;

import io.smallrye.mutiny.Uni;

/**
 * A payment provider's checkout: makes the link the donor opens. Confirmations come back as
 * {@link ProviderNotification}s, which every adapter hands to {@code DonationService.apply}.
 */
public interface PaymentProvider {
    Provider provider();

    /** Fails with {@link ProviderUnavailable} (503) when the provider cannot be reached or is not configured. */
    Uni<CheckoutLink> createCheckout(CheckoutRequest request);
}
