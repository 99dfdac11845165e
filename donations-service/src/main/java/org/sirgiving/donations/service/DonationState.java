package org.sirgiving.donations.service;

import java.util.List;
import org.sirgiving.donations.domain.Donation;
import org.sirgiving.donations.domain.DonationCharge;

/** A donation with its charges, oldest first. */
public record DonationState(Donation donation, List<DonationCharge> charges) {}
