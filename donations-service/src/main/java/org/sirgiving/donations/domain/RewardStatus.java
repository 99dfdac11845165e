package org.sirgiving.donations.domain;

/** The reward of a charge's DONATION action, as rewards-service decides it. */
public enum RewardStatus {
    PENDING,
    COMPLETED,
    FAILED
}
