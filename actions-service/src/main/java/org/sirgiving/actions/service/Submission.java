package org.sirgiving.actions.service;

import org.sirgiving.actions.domain.Action;
import org.sirgiving.events.payload.ActionOutcome;

/**
 * What a submit came to: a replay of an earlier decided action, or an accepted action with the outcome that
 * arrived within the wait budget (null: still pending).
 */
public record Submission(Action action, boolean replayed, ActionOutcome outcome) {}
