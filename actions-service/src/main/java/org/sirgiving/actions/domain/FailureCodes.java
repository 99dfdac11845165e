package org.sirgiving.actions.domain;

import java.util.Set;

/** Reward failures and how they are answered. */
public final class FailureCodes {
    public static final String INSUFFICIENT_POOL = "INSUFFICIENT_POOL";
    public static final String USER_NOT_FOUND = "USER_NOT_FOUND";
    /** The action's data could not be processed (rewards-service decided it rather than leave it PENDING). */
    public static final String INVALID_ACTION = "INVALID_ACTION";
    /** The reward for the action's amount does not fit in a token amount (for example under a huge multiplier). */
    public static final String REWARD_OVERFLOW = "REWARD_OVERFLOW";

    /**
     * Failures that do not consume the idempotency key: after a top-up (or creating the user) the partner submits
     * the very same request again. The contract says so for INSUFFICIENT_POOL; USER_NOT_FOUND is ours (docs/api.md).
     * INVALID_ACTION and REWARD_OVERFLOW are ours too: the cause may be fixed on our side (or the campaign changed), and
     * a key must never be held by a failure the partner did not cause.
     */
    public static final Set<String> RETRYABLE = Set.of(INSUFFICIENT_POOL, USER_NOT_FOUND, INVALID_ACTION, REWARD_OVERFLOW);

    private FailureCodes() {
    }
}
