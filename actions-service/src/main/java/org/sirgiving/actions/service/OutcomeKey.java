package org.sirgiving.actions.service;

import org.sirgiving.events.payload.ActionOutcome;
import org.sirgiving.events.payload.OutcomeStatus;

/**
 * The one outcome a held request waits for: a submission the outcome of its own attempt, a reversal the action's
 * {@code action.reversed}. Typed, so that a late outcome of an earlier attempt and a reversal never complete the
 * wrong request.
 */
public sealed interface OutcomeKey {
    /** A submission's attempt (an outcome of {@code action.completed} or {@code action.failed} echoes it). */
    record Attempt(String actionId, int attempt) implements OutcomeKey {}

    /** An action's reversal ({@code action.reversed}). */
    record Reversal(String actionId) implements OutcomeKey {}

    /** The key an announced outcome completes. */
    static OutcomeKey of(ActionOutcome outcome) {
        if (outcome.status() == OutcomeStatus.REVERSED) {
            return new Reversal(outcome.actionId());
        }
        return new Attempt(outcome.actionId(), outcome.attempt());
    }
}
