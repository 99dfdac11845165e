package org.sirgiving.actions.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.sirgiving.actions.domain.Action;
import org.sirgiving.actions.domain.ActionFilter;
import org.sirgiving.actions.domain.ActionStatus;
import org.sirgiving.actions.repository.ActionStore;
import org.sirgiving.actions.service.SubmissionCoordinator.Registration;
import org.sirgiving.events.Environment;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventJson;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.Topics;
import org.sirgiving.events.payload.ActionSubmitted;
import org.sirgiving.events.payload.ReversalRequested;
import org.sirgiving.kernel.crypto.Crypto;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.errors.ErrorCode;
import org.sirgiving.kernel.idempotency.IdempotentCreates;
import org.sirgiving.kernel.idempotency.IdempotentCreates.Prior;
import org.sirgiving.kernel.idempotency.IdempotentResult;
import org.sirgiving.kernel.persistence.UnitOfWork;
import org.sirgiving.outbox.Outbox;
import org.sirgiving.partnerauth.auth.AuthenticatedPartner;

/**
 * Durable, idempotent action ingestion. An action is answered 200/202 only after its row and its
 * {@code action.submitted} outbox record committed together; the idempotency rules are docs/partner-api.md section 4,
 * applied through {@link IdempotentCreates}.
 */
@ApplicationScoped
public class ActionService {
    private final UnitOfWork work;
    private final IdempotentCreates creates;
    private final ActionStore store;
    private final Outbox outbox;
    private final SubmissionCoordinator coordinator;
    /** Around the 3 s wait budget: a pending answer lands in the 5 s bucket. */
    private static final Duration[] SUBMIT_BUCKETS = Stream.of(10, 25, 50, 100, 250, 500, 1000, 2000, 3000, 5000, 10000)
            .map(Duration::ofMillis)
            .toArray(Duration[]::new);

    private final MeterRegistry metrics;

    public ActionService(
            UnitOfWork work,
            IdempotentCreates creates,
            ActionStore store,
            Outbox outbox,
            SubmissionCoordinator coordinator,
            MeterRegistry metrics) {
        this.work = work;
        this.creates = creates;
        this.store = store;
        this.outbox = outbox;
        this.coordinator = coordinator;
        this.metrics = metrics;
    }

    /**
     * Accepts the action (or replays the one accepted under its key) and waits for its outcome within the wait
     * budget. Counted in {@code sir.actions.submissions} by result.
     */
    public Uni<Submission> submit(
            AuthenticatedPartner partner, SubmitAction command, String fingerprint, String correlationId) {
        Timer.Sample started = Timer.start(metrics);
        return coordinator
                .submit(registration -> creates.create(
                                command.idempotencyKey(),
                                fingerprint,
                                new CreateAction(partner, command, fingerprint, correlationId, registration))
                        .map(ActionService::submission))
                .invoke(s -> countSubmission(resultOf(s), started))
                .onFailure(ApiException.class)
                .invoke(e -> countSubmission(((ApiException) e).code().name(), started));
    }

    /**
     * Asks rewards-service to undo a completed action's reward, once: the first request publishes
     * {@code action.reversal_requested}; any later one (any idempotency key) only reports the same reversal. Waits for
     * {@code action.reversed} within the wait budget.
     */
    public Uni<Submission> reverse(AuthenticatedPartner partner, ReverseAction command, String correlationId) {
        return coordinator.submit(registration -> work.write(() -> owned(partner, command.actionId())
                .chain(action -> requestReversal(action, command, correlationId, registration))));
    }

    public Uni<Action> get(AuthenticatedPartner partner, String actionId) {
        return work.read(() -> owned(partner, actionId));
    }

    /** The partner's actions in this environment, newest first, filtered, one keyset page at a time. */
    public Uni<ActionSlice> list(AuthenticatedPartner partner, ActionFilter filter) {
        return work.read(() -> store.list(partner.partnerId(), partner.environment(), filter))
                .map(rows -> ActionSlice.of(rows, filter.limit()));
    }

    /**
     * Stores announced outcomes once, in one transaction (a consumer's batch): only a PENDING action is decided, and
     * only by its current attempt; only a COMPLETED one is reversed. Every replica may apply the same outcome; all but
     * the first change nothing.
     */
    public Uni<Void> storeOutcomes(List<AnnouncedOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return work.write(() -> Multi.createFrom()
                .iterable(outcomes)
                .onItem()
                .transformToUniAndConcatenate(this::storeOutcome)
                .collect()
                .last()
                .replaceWithVoid());
    }

    /**
     * Answers the requests of this replica that wait for any of these outcomes: stores those first, so that a partner
     * who reads the action after its 200 sees the same status. Outcomes nobody here waits for cost nothing.
     */
    public Uni<Void> wake(List<AnnouncedOutcome> outcomes) {
        List<AnnouncedOutcome> awaited =
                outcomes.stream().filter(a -> coordinator.awaits(a.outcome())).toList();
        return storeOutcomes(awaited).invoke(() -> awaited.forEach(a -> coordinator.complete(a.outcome())));
    }

    private Uni<Boolean> storeOutcome(AnnouncedOutcome announced) {
        Instant now = work.now();
        Uni<Boolean> stored = announced.reversal()
                ? store.storeReversal(announced.outcome(), now)
                : store.storeOutcome(announced.outcome(), now);
        return stored.invoke(changed -> {
            if (changed) {
                metrics.counter("sir.actions.outcomes", "type", announced.eventType())
                        .increment();
            }
        });
    }

    private Uni<Action> owned(AuthenticatedPartner partner, String actionId) {
        return store.findOwned(actionId, partner.partnerId(), partner.environment())
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("Action"));
    }

    private Uni<Submission> requestReversal(
            Action action, ReverseAction command, String correlationId, Registration registration) {
        if (action.status == ActionStatus.REVERSED) {
            return Uni.createFrom().item(new Submission.Replayed(action));
        }
        if (action.status != ActionStatus.COMPLETED) {
            return Uni.createFrom()
                    .failure(new ApiException(
                            ErrorCode.CONFLICT,
                            "Only a COMPLETED action can be reversed; this one is " + action.status));
        }
        registration.expect(new OutcomeKey.Reversal(action.id));
        Submission pending = new Submission.Pending(action);
        if (action.reversalRequestedAt != null) {
            return Uni.createFrom().item(pending);
        }
        Instant now = work.now();
        return store.requestReversal(action.id, command.reason(), command.idempotencyKey(), now)
                .call(first -> first
                        ? publishReversal(action, command, correlationId, now)
                        : Uni.createFrom().voidItem())
                .replaceWith(pending);
    }

    private Uni<Void> publishReversal(Action action, ReverseAction command, String correlationId, Instant now) {
        EventEnvelope event = EventEnvelope.of(
                EventTypes.ACTION_REVERSAL_REQUESTED,
                action.partnerId,
                Environment.fromWire(action.environment),
                correlationId,
                new ReversalRequested(action.id, command.reason(), command.idempotencyKey(), now, action.metadata()));
        return outbox.enqueue(Topics.ACTIONS, action.partnerId, event);
    }

    private static Submission submission(IdempotentResult<Action> result) {
        return result.fold(Submission.Pending::new, Submission.Replayed::new);
    }

    /**
     * Counts the submission and records how long the partner waited for the answer, in Prometheus histogram buckets
     * ({@code sir_actions_submit_duration_seconds_bucket}) so that percentiles can be taken across replicas.
     */
    private void countSubmission(String result, Timer.Sample started) {
        String tag = result.toLowerCase(Locale.ROOT);
        metrics.counter("sir.actions.submissions", "result", tag).increment();
        started.stop(Timer.builder("sir.actions.submit.duration")
                .description("Time from a submission's arrival to its answer (outcome, pending or error)")
                .tag("result", tag)
                .serviceLevelObjectives(SUBMIT_BUCKETS)
                .register(metrics));
    }

    /** replayed, pending, or the outcome's status (completed, failed). */
    private static String resultOf(Submission s) {
        return s.fold(r -> "replayed", d -> d.outcome().status().name(), p -> "pending");
    }

    /**
     * A submission under its idempotency key: a new action, or an earlier one again (a resubmittable failure is the
     * next attempt of the same action; see {@link Action#failedRetryably}).
     */
    private final class CreateAction implements IdempotentCreates.Create<Action> {
        private final AuthenticatedPartner partner;
        private final SubmitAction command;
        private final String fingerprint;
        private final String correlationId;
        private final Registration registration;

        CreateAction(
                AuthenticatedPartner partner,
                SubmitAction command,
                String fingerprint,
                String correlationId,
                Registration registration) {
            this.partner = partner;
            this.command = command;
            this.fingerprint = fingerprint;
            this.correlationId = correlationId;
            this.registration = registration;
        }

        /** Locked: concurrent retries of one key are decided one after the other (one retake, not two). */
        @Override
        public Uni<Action> findByKey(String idempotencyKey) {
            return store.findByKeyForUpdate(partner.partnerId(), partner.environment(), idempotencyKey);
        }

        @Override
        public String fingerprintOf(Action prior) {
            return prior.requestHash;
        }

        @Override
        public Uni<Action> insert() {
            return accept(newAction());
        }

        @Override
        public Prior priorState(Action prior) {
            if (prior.status == ActionStatus.PENDING) {
                return Prior.IN_PROGRESS;
            }
            return prior.failedRetryably() ? Prior.RETAKE : Prior.REPLAY;
        }

        @Override
        public Uni<Action> retake(Action prior) {
            prior.retake(correlationId, work.now());
            return accept(prior);
        }

        /** Stores the attempt with its {@code action.submitted}, waiting for its outcome before it can be published. */
        private Uni<Action> accept(Action action) {
            registration.expect(new OutcomeKey.Attempt(action.id, action.attempt));
            return store.persist(action).call(a -> outbox.enqueue(Topics.ACTIONS, a.partnerId, submitted(a)));
        }

        private EventEnvelope submitted(Action action) {
            ActionSubmitted data = new ActionSubmitted(
                    action.id,
                    action.idempotencyKey,
                    action.actionType,
                    action.amount,
                    action.currency,
                    command.stakeholders(),
                    command.autoCreateUsers(),
                    command.metadata(),
                    action.createdAt,
                    action.attempt);
            return EventEnvelope.of(
                    EventTypes.ACTION_SUBMITTED, action.partnerId, partner.environment(), action.correlationId, data);
        }

        private Action newAction() {
            Instant now = work.now();
            Action a = new Action();
            a.id = actionId(partner.partnerId(), partner.environment().wireName(), command.idempotencyKey());
            a.partnerId = partner.partnerId();
            a.environment = partner.environment().wireName();
            a.idempotencyKey = command.idempotencyKey();
            a.requestHash = fingerprint;
            a.actionType = command.actionType();
            a.amount = command.amount();
            a.currency = command.currency();
            a.request = EventJson.write(command);
            a.status = ActionStatus.PENDING;
            a.transactionIds = "[]";
            a.attempt = 1;
            a.correlationId = correlationId;
            a.createdAt = now;
            a.updatedAt = now;
            return a;
        }
    }

    /**
     * An action's id follows from its idempotency key ({@code act_} + 24 hex digits of SHA-256 over partner,
     * environment and key), so one key names one action even where actions-service has lost its row: after its
     * database was restored from a backup, a partner's retry of a key accepted later gets the same id, and
     * rewards-service, which dedupes on the action id, re-announces the reward instead of granting a second one
     * (docs/operations.md, "Backup and restore").
     */
    static String actionId(String partnerId, String environment, String idempotencyKey) {
        return "act_"
                + Crypto.sha256Hex(partnerId + "|" + environment + "|" + idempotencyKey)
                        .substring(0, 24);
    }
}
