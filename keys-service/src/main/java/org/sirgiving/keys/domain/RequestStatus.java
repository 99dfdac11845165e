package org.sirgiving.keys.domain;

/** A production request's state: PENDING until an operator approves or rejects it, then final. */
public enum RequestStatus {
    PENDING,
    APPROVED,
    REJECTED
}
