package org.sirgiving.actions.domain;

public enum ActionStatus {
    /** Accepted and durable; the reward is not decided yet. */
    PENDING,
    COMPLETED,
    FAILED,
    REVERSED
}
