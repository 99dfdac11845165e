package org.sirgiving.keys.domain;

/** What an operator decided, as recorded in the audit trail. */
public enum DecisionKind {
    APPROVE_PRODUCTION,
    REJECT_PRODUCTION,
    SUSPEND,
    REACTIVATE,
    UPDATE_SETTINGS
}
