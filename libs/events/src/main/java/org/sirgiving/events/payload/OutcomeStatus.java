package org.sirgiving.events.payload;

/** What an {@link ActionOutcome} announces. */
public enum OutcomeStatus {
    COMPLETED,
    FAILED,
    REVERSED
}
