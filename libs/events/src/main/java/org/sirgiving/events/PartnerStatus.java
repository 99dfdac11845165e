package org.sirgiving.events;

/** A partner's lifecycle (docs/partner-api.md section 2): PENDING_APPROVAL → ACTIVE → optionally SUSPENDED. */
public enum PartnerStatus {
    PENDING_APPROVAL,
    ACTIVE,
    SUSPENDED
}
