package org.sirgiving.donations.provider;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Who runs a donation's checkout. Every {@code pk_test_} link is SANDBOX, whatever provider the partner named. */
public enum Provider {
    SANDBOX("sandbox"),
    STRIPE("stripe"),
    EVERY_ORG("every.org");

    private final String wireName;

    Provider(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The wire name, any case; null when it names no provider. */
    @JsonCreator
    public static Provider fromWire(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (Provider p : values()) {
            if (p.wireName.equals(v)) {
                return p;
            }
        }
        return null;
    }
}
