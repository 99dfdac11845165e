package org.sirgiving.keys.domain;

/** Partner tiers and their default requests per minute (docs/partner-api.md section 8). */
public enum Tier {
    STANDARD(600),
    PROFESSIONAL(3_000),
    ENTERPRISE(12_000);

    private final int defaultRateLimit;

    Tier(int defaultRateLimit) {
        this.defaultRateLimit = defaultRateLimit;
    }

    public int defaultRateLimit() {
        return defaultRateLimit;
    }
}
