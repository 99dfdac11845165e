package org.sirgiving.sdk.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * The reward of a donation's charge (its {@code DONATION} action): {@code PENDING} for the moment between the charge
 * and the decision, then {@code COMPLETED} or {@code FAILED} (see {@code failureCode}).
 */
public enum RewardStatus {
    PENDING,
    COMPLETED,
    FAILED,
    /** A status added after this SDK was built. */
    @JsonEnumDefaultValue
    UNKNOWN
}
