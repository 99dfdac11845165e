package org.sirgiving.partnerauth.ratelimit;

import java.util.LinkedHashMap;
import java.util.Map;

/** One request's standing against its partner's limit, and the headers that tell the partner (docs/partner-api.md section 8). */
public record RateLimitDecision(
        boolean allowed, int limit, int remaining, long resetEpochSeconds, long retryAfterSeconds) {

    public Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-RateLimit-Limit", String.valueOf(limit));
        h.put("X-RateLimit-Remaining", String.valueOf(Math.max(0, remaining)));
        h.put("X-RateLimit-Reset", String.valueOf(resetEpochSeconds));
        return h;
    }
}
