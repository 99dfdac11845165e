package org.sirgiving.events.payload;

/**
 * Why an action was not rewarded ({@code failureCode} of a FAILED {@link ActionOutcome}): the one home of the codes
 * rewards-service decides and actions-service answers with.
 */
public enum FailureCode {
    /** The pool cannot pay the reward (402 to the partner). */
    INSUFFICIENT_POOL,
    /** A stakeholder is unknown and the action did not ask to create users (422). */
    USER_NOT_FOUND,
    /** The action cannot be processed for a reason of its own (e.g. data PostgreSQL cannot store). */
    INVALID_ACTION,
    /** The reward for the action's amount does not fit in a token amount. */
    REWARD_OVERFLOW;

    /**
     * Whether the failure leaves the idempotency key usable: the partner submits the very same request again after
     * fixing the cause (a top-up, creating the user). The contract says so for INSUFFICIENT_POOL; the others are ours
     * (docs/architecture.md, "Decisions"): a key must never be held by a failure the partner did not cause, and for
     * INVALID_ACTION and REWARD_OVERFLOW the cause may be fixed on our side. Every code is resubmittable today.
     */
    public boolean resubmittable() {
        return true;
    }
}
