package org.sirgiving.actions.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.sirgiving.events.payload.ActionOutcome;
import org.sirgiving.events.payload.OutcomeStatus;

/**
 * The requests this replica is holding open, each waiting for one outcome: a submission for the outcome of its own
 * attempt, a reversal for {@code action.reversed}. Every replica sees every outcome; each completes only the
 * requests it holds, and an outcome of an earlier attempt completes nothing.
 */
@ApplicationScoped
public class OutcomeWaiters {
    private final Map<String, CompletableFuture<ActionOutcome>> waiting = new ConcurrentHashMap<>();

    public static String forAttempt(String actionId, int attempt) {
        return actionId + "#" + attempt;
    }

    public static String forReversal(String actionId) {
        return actionId + "#reversal";
    }

    /** The key an outcome completes. */
    public static String of(ActionOutcome outcome) {
        return outcome.status() == OutcomeStatus.REVERSED
                ? forReversal(outcome.actionId())
                : forAttempt(outcome.actionId(), outcome.attempt());
    }

    /** Registers interest before the action is published, so that even an instant outcome is not missed. */
    public String register(String key) {
        waiting.putIfAbsent(key, new CompletableFuture<>());
        return key;
    }

    public void cancel(String key) {
        if (key != null) {
            waiting.remove(key);
        }
    }

    /** The outcome, or null when none arrived within the budget. */
    public Uni<ActionOutcome> await(String key, Duration budget) {
        CompletableFuture<ActionOutcome> f = waiting.get(key);
        if (f == null) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom()
                .completionStage(f)
                .ifNoItem()
                .after(budget)
                .recoverWithItem((ActionOutcome) null)
                .eventually(() -> waiting.remove(key, f));
    }

    public boolean isWaiting(ActionOutcome outcome) {
        return waiting.containsKey(of(outcome));
    }

    public void complete(ActionOutcome outcome) {
        CompletableFuture<ActionOutcome> f = waiting.get(of(outcome));
        if (f != null) {
            f.complete(outcome);
        }
    }
}
