package org.sirgiving.sdk.model;

/**
 * What create-link answers: the link to open in the donor's browser (the provider's checkout, or the hosted sandbox
 * checkout for a sandbox key) and the id to follow the donation by ({@code getDonationStatus}, webhooks).
 */
public record DonationLink(String donationLink, String partnerDonationId) {}
