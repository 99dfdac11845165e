package org.sirgiving.sdk.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** Only an {@code ACTIVE} organization takes new donation links; an {@code INACTIVE} one is still shown. */
public enum OrganizationStatus {
    ACTIVE,
    INACTIVE,
    /** A status added after this SDK was built. */
    @JsonEnumDefaultValue
    UNKNOWN
}
