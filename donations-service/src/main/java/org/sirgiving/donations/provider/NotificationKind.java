package org.sirgiving.donations.provider;

/** The provider events a donation's state follows. */
public enum NotificationKind {
    CHARGE_SUCCEEDED,
    CHARGE_FAILED,
    CHECKOUT_OPENED,
    CHECKOUT_CANCELLED,
    CHECKOUT_EXPIRED
}
