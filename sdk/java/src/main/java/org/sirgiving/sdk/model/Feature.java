package org.sirgiving.sdk.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** A part of the API enabled for the partner ({@code DONATIONS}: organizations, donation links and status). */
public enum Feature {
    ACTIONS,
    DONATIONS,
    /** A feature added after this SDK was built. */
    @JsonEnumDefaultValue
    UNKNOWN
}
