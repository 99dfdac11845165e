package org.sirgiving.actions.domain;

import java.util.Set;
import org.sirgiving.events.payload.ActionOutcome;

/** Reward failures and how they are answered. */
public final class FailureCodes {
    public static final String INSUFFICIENT_POOL = ActionOutcome.INSUFFICIENT_POOL;
    public static final String USER_NOT_FOUND = ActionOutcome.USER_NOT_FOUND;
    public static final String INVALID_ACTION = ActionOutcome.INVALID_ACTION;
    public static final String REWARD_OVERFLOW = ActionOutcome.REWARD_OVERFLOW;

    /**
     * Failures that do not consume the idempotency key: after a top-up (or creating the user) the partner submits
     * the very same request again. The contract says so for INSUFFICIENT_POOL; USER_NOT_FOUND is ours (docs/api.md).
     * INVALID_ACTION and REWARD_OVERFLOW are ours too: the cause may be fixed on our side (or the campaign changed), and
     * a key must never be held by a failure the partner did not cause.
     */
    public static final Set<String> RETRYABLE =
            Set.of(INSUFFICIENT_POOL, USER_NOT_FOUND, INVALID_ACTION, REWARD_OVERFLOW);

    private FailureCodes() {}
}
