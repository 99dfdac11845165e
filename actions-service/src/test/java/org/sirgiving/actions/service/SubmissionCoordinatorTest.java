package org.sirgiving.actions.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.sirgiving.actions.domain.Action;
import org.sirgiving.events.ActionType;
import org.sirgiving.events.payload.ActionOutcome;
import org.sirgiving.events.payload.FailureCode;
import org.sirgiving.events.payload.OutcomeStatus;

/** Register, commit, await, cancel: what a held request waits for, and that nothing stays registered. */
class SubmissionCoordinatorTest {
    private final SubmissionCoordinator coordinator = new SubmissionCoordinator(Duration.ofSeconds(5));
    private final Action action = action("act_1");

    @Test
    void anOutcomeOfTheRequestsOwnAttemptDecidesIt() {
        CompletableFuture<Submission> answer = coordinator
                .submit(r -> {
                    r.expect(new OutcomeKey.Attempt(action.id, 2));
                    return Uni.createFrom().item(new Submission.Pending(action));
                })
                .subscribeAsCompletionStage();
        ActionOutcome earlier = outcome(OutcomeStatus.FAILED, 1);
        ActionOutcome reversal = outcome(OutcomeStatus.REVERSED, 0);
        assertFalse(coordinator.awaits(earlier), "a late outcome of attempt 1 is not what attempt 2 waits for");
        assertFalse(coordinator.awaits(reversal));
        coordinator.complete(earlier);
        coordinator.complete(reversal);
        assertFalse(answer.isDone());

        ActionOutcome own = outcome(OutcomeStatus.COMPLETED, 2);
        assertTrue(coordinator.awaits(own));
        coordinator.complete(own);
        Submission decided = answer.join();
        assertEquals(own, assertInstanceOf(Submission.Decided.class, decided).outcome());
        assertFalse(coordinator.awaits(own), "answered: nothing stays registered");
    }

    @Test
    void anOutcomeThatArrivesBeforeTheCommitIsNotMissed() {
        ActionOutcome reversed = outcome(OutcomeStatus.REVERSED, 0);
        Submission answer = coordinator
                .submit(r -> {
                    r.expect(new OutcomeKey.Reversal(action.id));
                    coordinator.complete(reversed);
                    return Uni.createFrom().item(new Submission.Pending(action));
                })
                .await()
                .indefinitely();
        assertEquals(
                reversed, assertInstanceOf(Submission.Decided.class, answer).outcome());
    }

    @Test
    void aFailedTransactionCancelsTheRegistration() {
        ActionOutcome own = outcome(OutcomeStatus.COMPLETED, 1);
        Uni<Submission> failing = coordinator.submit(r -> {
            r.expect(new OutcomeKey.Attempt(action.id, 1));
            assertTrue(coordinator.awaits(own));
            return Uni.createFrom().failure(new IllegalStateException("rolled back"));
        });
        assertThrows(IllegalStateException.class, () -> failing.await().indefinitely());
        assertFalse(coordinator.awaits(own));
    }

    @Test
    void aRunAgainDropsTheFirstRunsKeyAndAReplayDropsEverything() {
        ActionOutcome firstRun = outcome(OutcomeStatus.COMPLETED, 1);
        Action winner = action("act_2");
        Submission answer = coordinator
                .submit(r -> {
                    r.expect(new OutcomeKey.Attempt(action.id, 1));
                    // A lost race on the key, decided again: it finds the winner's action, and it was decided.
                    r.expect(new OutcomeKey.Attempt(winner.id, 1));
                    assertFalse(coordinator.awaits(firstRun));
                    return Uni.createFrom().item(new Submission.Replayed(winner));
                })
                .await()
                .indefinitely();
        assertInstanceOf(Submission.Replayed.class, answer);
        assertFalse(coordinator.awaits(new ActionOutcome(
                winner.id, "k", ActionType.PURCHASE, OutcomeStatus.COMPLETED, 1, List.of(), null, null, 1, null)));
    }

    @Test
    void pastTheBudgetTheRequestIsPendingAndForgotten() {
        SubmissionCoordinator impatient = new SubmissionCoordinator(Duration.ofMillis(50));
        Submission answer = impatient
                .submit(r -> {
                    r.expect(new OutcomeKey.Attempt(action.id, 1));
                    return Uni.createFrom().item(new Submission.Pending(action));
                })
                .await()
                .indefinitely();
        assertInstanceOf(Submission.Pending.class, answer);
        assertFalse(impatient.awaits(outcome(OutcomeStatus.COMPLETED, 1)));
    }

    private ActionOutcome outcome(OutcomeStatus status, int attempt) {
        FailureCode failure = status == OutcomeStatus.FAILED ? FailureCode.INSUFFICIENT_POOL : null;
        return new ActionOutcome(
                action.id, "k", ActionType.PURCHASE, status, 0, List.of(), failure, null, attempt, null);
    }

    private static Action action(String id) {
        Action a = new Action();
        a.id = id;
        return a;
    }
}
