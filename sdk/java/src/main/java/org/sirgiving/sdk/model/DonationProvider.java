package org.sirgiving.sdk.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Who runs the checkout of a production link: Stripe Checkout or every.org (USD only, no tip). Every sandbox link opens
 * the hosted sandbox checkout, whatever it names.
 */
public enum DonationProvider {
    @JsonProperty("stripe")
    STRIPE,
    @JsonProperty("every.org")
    EVERY_ORG,
    /** A provider added after this SDK was built (never sent). */
    @JsonEnumDefaultValue
    UNKNOWN
}
