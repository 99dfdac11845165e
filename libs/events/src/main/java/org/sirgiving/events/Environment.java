package org.sirgiving.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The two partner environments. They never mix: everything a partner owns is scoped by (partnerId, environment). */
public enum Environment {
    SANDBOX("sandbox", "test"),
    PRODUCTION("production", "live");

    private final String wireName;
    private final String keyMode;

    Environment(String wireName, String keyMode) {
        this.wireName = wireName;
        this.keyMode = keyMode;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The part of a key prefix that names the environment: {@code pk_test_}, {@code sk_live_}. */
    public String keyMode() {
        return keyMode;
    }

    /** Accepts the contract's names, in any case; null when the value names no environment. */
    @JsonCreator
    public static Environment fromWire(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (Environment e : values()) {
            if (e.wireName.equals(v)) {
                return e;
            }
        }
        return null;
    }
}
