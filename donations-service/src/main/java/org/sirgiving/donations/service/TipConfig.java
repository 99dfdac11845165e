package org.sirgiving.donations.service;

/** A partner's tip settings for one environment (keys-service's {@code tipConfig}). */
public record TipConfig(boolean enabled, int defaultPercent) {
    /** What a partner has until it sets its own: tips allowed, none suggested. */
    public static final TipConfig DEFAULT = new TipConfig(true, 0);
}
