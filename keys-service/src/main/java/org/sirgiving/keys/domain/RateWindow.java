package org.sirgiving.keys.domain;

import java.time.Instant;

/** One partner's request budget in one environment and minute (docs/partner-api.md section 8). */
public record RateWindow(String partnerId, String environment, Instant start) {

    /** What a lease of {@code requested} gets when {@code granted} of {@code limit} are already given out. */
    public static int grant(int requested, int granted, int limit) {
        return Math.max(0, Math.min(requested, limit - granted));
    }
}
