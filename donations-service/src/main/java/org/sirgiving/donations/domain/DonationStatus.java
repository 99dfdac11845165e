package org.sirgiving.donations.domain;

/** CREATED -> PENDING (checkout opened) -> COMPLETED | FAILED | CANCELLED | EXPIRED. */
public enum DonationStatus {
    CREATED,
    PENDING,
    COMPLETED,
    FAILED,
    CANCELLED,
    EXPIRED;

    /** Still waiting for the donor: the checkout may be opened, completed, failed or cancelled. */
    public boolean open() {
        return this == CREATED || this == PENDING;
    }
}
