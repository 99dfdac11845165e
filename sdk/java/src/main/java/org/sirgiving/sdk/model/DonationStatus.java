package org.sirgiving.sdk.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * {@code CREATED}, then {@code PENDING} once the checkout is opened, then {@code COMPLETED}, {@code FAILED},
 * {@code CANCELLED} or {@code EXPIRED} (a sandbox link not completed within a day).
 */
public enum DonationStatus {
    CREATED,
    PENDING,
    COMPLETED,
    FAILED,
    CANCELLED,
    EXPIRED,
    /** A status added after this SDK was built. */
    @JsonEnumDefaultValue
    UNKNOWN
}
