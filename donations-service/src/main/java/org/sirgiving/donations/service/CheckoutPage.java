package org.sirgiving.donations.service;

import org.sirgiving.donations.domain.Organization;

/** What the hosted sandbox checkout shows: the donation, its charges, and the nonprofit it goes to. */
public record CheckoutPage(DonationState state, Organization organization) {}
