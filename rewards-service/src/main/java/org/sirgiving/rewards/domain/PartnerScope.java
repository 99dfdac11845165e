package org.sirgiving.rewards.domain;

import org.sirgiving.events.Environment;

/** A partner in one environment: everything a partner owns is scoped by both, and the two never mix. */
public record PartnerScope(String partnerId, Environment environment) {
    /** The environment as the tables store it ({@code sandbox}, {@code production}). */
    public String environmentName() {
        return environment.wireName();
    }
}
