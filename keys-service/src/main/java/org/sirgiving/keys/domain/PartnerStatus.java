package org.sirgiving.keys.domain;

public enum PartnerStatus {
    PENDING_APPROVAL,
    ACTIVE,
    SUSPENDED
}
