package org.sirgiving.actions.domain;

import org.sirgiving.events.payload.OutcomeStatus;

public enum ActionStatus {
    /** Accepted and durable; the reward is not decided yet. */
    PENDING,
    COMPLETED,
    FAILED,
    REVERSED;

    /** The status an attempt's outcome ({@code action.completed} or {@code action.failed}) decides. */
    public static ActionStatus decidedBy(OutcomeStatus outcome) {
        return outcome == OutcomeStatus.COMPLETED ? COMPLETED : FAILED;
    }
}
