package org.sirgiving.donations.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How often a donation charges: once, or every month until the donor stops it at the provider. */
public enum Frequency {
    ONCE("once"),
    MONTHLY("monthly");

    private final String wireName;

    Frequency(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The wire name, any case; null when it names no frequency. */
    @JsonCreator
    public static Frequency fromWire(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (Frequency f : values()) {
            if (f.wireName.equals(v)) {
                return f;
            }
        }
        return null;
    }
}
