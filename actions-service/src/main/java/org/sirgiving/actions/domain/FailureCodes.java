package org.sirgiving.actions.domain;

import java.util.Set;

/** Reward failures and how they are answered. */
public final class FailureCodes {
    public static final String INSUFFICIENT_POOL = "INSUFFICIENT_POOL";
    public static final String USER_NOT_FOUND = "USER_NOT_FOUND";

    /**
     * Failures that do not consume the idempotency key: after a top-up (or creating the user) the partner submits
     * the very same request again. The contract says so for INSUFFICIENT_POOL; USER_NOT_FOUND is ours (docs/api.md).
     */
    public static final Set<String> RETRYABLE = Set.of(INSUFFICIENT_POOL, USER_NOT_FOUND);

    private FailureCodes() {
    }
}
