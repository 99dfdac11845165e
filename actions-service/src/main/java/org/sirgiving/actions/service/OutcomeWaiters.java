package org.sirgiving.actions.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.sirgiving.events.payload.ActionOutcome;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The submit requests this replica is holding open, by action id. Every replica sees every outcome; each
 * completes only the requests it holds.
 */
@ApplicationScoped
public class OutcomeWaiters {
    private final Map<String, CompletableFuture<ActionOutcome>> waiting = new ConcurrentHashMap<>();

    /** Registers interest before the action is published, so that even an instant outcome is not missed. */
    public void register(String actionId) {
        waiting.putIfAbsent(actionId, new CompletableFuture<>());
    }

    public void cancel(String actionId) {
        waiting.remove(actionId);
    }

    /** The outcome, or null when none arrived within the budget. */
    public Uni<ActionOutcome> await(String actionId, Duration budget) {
        CompletableFuture<ActionOutcome> f = waiting.get(actionId);
        if (f == null) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().completionStage(f)
                .ifNoItem().after(budget).recoverWithItem((ActionOutcome) null)
                .eventually(() -> waiting.remove(actionId));
    }

    public void complete(ActionOutcome outcome) {
        CompletableFuture<ActionOutcome> f = waiting.get(outcome.actionId());
        if (f != null) {
            f.complete(outcome);
        }
    }

    public boolean isWaiting(String actionId) {
        return waiting.containsKey(actionId);
    }
}
