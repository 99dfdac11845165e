package org.sirgiving.events;

/** The kinds of prosocial action a partner reports (the contract's list is ours; a new kind is added here only). */
public enum ActionType {
    DONATION,
    VOLUNTEER,
    PURCHASE,
    REFERRAL,
    ADVOCACY,
    SIGNUP,
    CUSTOM
}
