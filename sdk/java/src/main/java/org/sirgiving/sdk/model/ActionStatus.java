package org.sirgiving.sdk.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * {@code PENDING}: accepted, reward not decided yet (the outcome comes by webhook and {@code getAction});
 * {@code COMPLETED}; {@code FAILED} (see {@code failureCode}); {@code REVERSED}.
 */
public enum ActionStatus {
    PENDING,
    COMPLETED,
    FAILED,
    REVERSED,
    /** A status added after this SDK was built. */
    @JsonEnumDefaultValue
    UNKNOWN
}
