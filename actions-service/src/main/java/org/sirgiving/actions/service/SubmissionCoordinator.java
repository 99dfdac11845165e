package org.sirgiving.actions.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.sirgiving.events.payload.ActionOutcome;

/**
 * Submit-and-wait, in one place: a request that publishes an action (or a reversal) registers the outcome it waits
 * for, commits, waits for that outcome within the wait budget, and leaves nothing registered behind, whatever
 * happened.
 *
 * <p>Every replica sees every outcome (a consumer group per replica, {@code outcome-wakeups}); each completes only the
 * requests it holds, and an outcome of an earlier attempt completes nothing ({@link OutcomeKey}).
 */
@ApplicationScoped
public class SubmissionCoordinator {
    private final Map<OutcomeKey, CompletableFuture<ActionOutcome>> waiting = new ConcurrentHashMap<>();
    private final Duration budget;

    public SubmissionCoordinator(@ConfigProperty(name = "sir.actions.wait-budget") Duration budget) {
        this.budget = budget;
    }

    /**
     * Runs {@code commit} (one whole transaction, committed when its Uni succeeds), which calls
     * {@link Registration#expect} before it publishes anything, so that even an instant outcome finds the request
     * waiting. It answers {@link Submission.Pending} for an accepted request, which is then awaited: {@link
     * Submission.Decided} when the outcome arrives within the budget, still Pending otherwise. A
     * {@link Submission.Replayed} is answered as it is. If the transaction fails, the registration is cancelled.
     */
    public Uni<Submission> submit(Function<Registration, Uni<Submission>> commit) {
        Registration registration = new Registration();
        return Uni.createFrom()
                .deferred(() -> commit.apply(registration))
                .onFailure()
                .invoke(registration::cancel)
                .chain(committed ->
                        committed.fold(registration::dropped, registration::dropped, registration::awaitOutcome));
    }

    /** Whether a request on this replica waits for the outcome (the others need not be touched). */
    public boolean awaits(ActionOutcome outcome) {
        return waiting.containsKey(OutcomeKey.of(outcome));
    }

    /** Hands the outcome to the request waiting for it, if any. */
    public void complete(ActionOutcome outcome) {
        CompletableFuture<ActionOutcome> f = waiting.get(OutcomeKey.of(outcome));
        if (f != null) {
            f.complete(outcome);
        }
    }

    /** One request's interest in one outcome, from its transaction to its answer. */
    public final class Registration {
        private OutcomeKey key;
        private CompletableFuture<ActionOutcome> outcome;

        private Registration() {}

        /**
         * Registers interest in {@code key}'s outcome. A transaction run again (a lost race on the idempotency key is
         * decided again) registers again: the interest of the failed run is dropped.
         */
        public void expect(OutcomeKey key) {
            cancel();
            this.key = key;
            this.outcome = waiting.computeIfAbsent(key, k -> new CompletableFuture<>());
        }

        void cancel() {
            if (key != null) {
                waiting.remove(key, outcome);
                key = null;
                outcome = null;
            }
        }

        private Uni<Submission> dropped(Submission answered) {
            cancel();
            return Uni.createFrom().item(answered);
        }

        private Uni<Submission> awaitOutcome(Submission.Pending accepted) {
            if (outcome == null) {
                return Uni.createFrom().item(accepted);
            }
            return Uni.createFrom()
                    .completionStage(outcome)
                    .ifNoItem()
                    .after(budget)
                    .recoverWithItem((ActionOutcome) null)
                    .onTermination()
                    .invoke(this::cancel)
                    .map(o -> o == null ? accepted : accepted.decidedBy(o));
        }
    }
}
