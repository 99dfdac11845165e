package org.sirgiving.sdk.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** What happened in the real world (docs/partner-api.md section 4). */
public enum ActionType {
    DONATION,
    VOLUNTEER,
    PURCHASE,
    REFERRAL,
    ADVOCACY,
    SIGNUP,
    CUSTOM,
    /** A type added after this SDK was built. */
    @JsonEnumDefaultValue
    UNKNOWN
}
