package org.sirgiving.donations.provider;

/** The URL the donor opens, and the provider's id of that checkout (null when it has none, e.g. every.org). */
public record CheckoutLink(String url, String providerReference) {}
