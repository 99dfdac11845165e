package org.sirgiving.sdk.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code once}, or {@code monthly}: a charge every month, each rewarded. */
public enum DonationFrequency {
    @JsonProperty("once")
    ONCE,
    @JsonProperty("monthly")
    MONTHLY,
    /** A frequency added after this SDK was built (never sent). */
    @JsonEnumDefaultValue
    UNKNOWN
}
