package org.sirgiving.actions.service;

import java.util.function.Function;
import org.sirgiving.actions.domain.Action;
import org.sirgiving.events.payload.ActionOutcome;

/**
 * What a submit or a reversal came to: {@link Replayed} (answered before), {@link Decided} (the outcome arrived
 * within the wait budget) or {@link Pending} (accepted and durable, the outcome not known yet).
 *
 * <p>Java 17 has no pattern matching for {@code switch}, so {@link #fold} is the exhaustive match: a caller handles
 * every case, and a new case does not compile until each caller handles it (an {@code instanceof} chain would
 * silently fall through).
 */
public sealed interface Submission {
    Action action();

    <T> T fold(
            Function<? super Replayed, ? extends T> replayed,
            Function<? super Decided, ? extends T> decided,
            Function<? super Pending, ? extends T> pending);

    /** Submit: the same key and request were decided before. Reverse: the action already is REVERSED. */
    record Replayed(Action action) implements Submission {
        @Override
        public <T> T fold(
                Function<? super Replayed, ? extends T> replayed,
                Function<? super Decided, ? extends T> decided,
                Function<? super Pending, ? extends T> pending) {
            return replayed.apply(this);
        }
    }

    /** The outcome announced for this request (the stored row may be updated a moment later). */
    record Decided(Action action, ActionOutcome outcome) implements Submission {
        @Override
        public <T> T fold(
                Function<? super Replayed, ? extends T> replayed,
                Function<? super Decided, ? extends T> decided,
                Function<? super Pending, ? extends T> pending) {
            return decided.apply(this);
        }
    }

    /** Accepted and committed; no outcome yet. */
    record Pending(Action action) implements Submission {
        public Decided decidedBy(ActionOutcome outcome) {
            return new Decided(action, outcome);
        }

        @Override
        public <T> T fold(
                Function<? super Replayed, ? extends T> replayed,
                Function<? super Decided, ? extends T> decided,
                Function<? super Pending, ? extends T> pending) {
            return pending.apply(this);
        }
    }
}
