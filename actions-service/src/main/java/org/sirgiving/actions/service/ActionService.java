package org.sirgiving.actions.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.sirgiving.actions.api.SubmitActionRequest;
import org.sirgiving.actions.domain.Action;
import org.sirgiving.actions.domain.ActionStatus;
import org.sirgiving.events.ActionType;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventJson;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.Topics;
import org.sirgiving.events.payload.ActionOutcome;
import org.sirgiving.events.payload.ActionSubmitted;
import org.sirgiving.events.payload.OutcomeStatus;
import org.sirgiving.events.payload.ReversalRequested;
import org.sirgiving.events.payload.Stakeholder;
import org.sirgiving.kernel.crypto.Crypto;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.errors.ConstraintViolations;
import org.sirgiving.kernel.errors.ErrorCode;
import org.sirgiving.kernel.persistence.UnitOfWork;
import org.sirgiving.outbox.Outbox;
import org.sirgiving.partnerauth.auth.AuthenticatedPartner;

/**
 * Durable, idempotent action ingestion. An action is answered 200/202 only after its row and its
 * {@code action.submitted} outbox record committed together; the idempotency rules of contract section 4 live here.
 */
@ApplicationScoped
public class ActionService {
    private final UnitOfWork tx;
    private final Outbox outbox;
    private final OutcomeWaiters waiters;
    private final Duration waitBudget;
    private final MeterRegistry metrics;

    public ActionService(
            UnitOfWork tx,
            Outbox outbox,
            OutcomeWaiters waiters,
            @ConfigProperty(name = "sir.actions.wait-budget") Duration waitBudget,
            MeterRegistry metrics) {
        this.tx = tx;
        this.outbox = outbox;
        this.waiters = waiters;
        this.waitBudget = waitBudget;
        this.metrics = metrics;
    }

    public Uni<Submission> submit(
            AuthenticatedPartner partner, SubmitActionRequest request, String requestHash, String correlationId) {
        String newId = "act_" + Crypto.randomHex(12);
        String[] registered = new String[1];
        // The row is locked: concurrent retries of one key are decided one after the other.
        return tx.write(() -> Action.findByKeyForUpdate(
                                partner.partnerId(), partner.environment(), request.idempotencyKey())
                        .chain(existing -> {
                            if (existing == null) {
                                return accept(
                                        newAction(newId, partner, request, requestHash, correlationId),
                                        request,
                                        registered);
                            }
                            if (!existing.requestHash.equals(requestHash)) {
                                throw ApiException.keyReused();
                            }
                            if (existing.status == ActionStatus.PENDING) {
                                throw inProgress();
                            }
                            if (existing.failedRetryably()) {
                                existing.status = ActionStatus.PENDING;
                                existing.failureCode = null;
                                existing.failureMessage = null;
                                existing.attempt++;
                                existing.correlationId = correlationId;
                                existing.updatedAt = Instant.now();
                                return accept(existing, request, registered);
                            }
                            return Uni.createFrom().item(new Submission(existing, true, null));
                        }))
                .onFailure(e -> ConstraintViolations.violates(e, "actions_idempotency"))
                .transform(e -> inProgress())
                .onFailure()
                .invoke(() -> waiters.cancel(registered[0]))
                .chain(s -> s.replayed() ? Uni.createFrom().item(s) : awaitOutcome(s.action()))
                .invoke(s -> metrics.counter("sir.actions.submissions", "result", resultTag(s))
                        .increment())
                .onFailure(ApiException.class)
                .invoke(e -> metrics.counter(
                                "sir.actions.submissions",
                                "result",
                                ((ApiException) e).code().name().toLowerCase())
                        .increment());
    }

    private Uni<Submission> accept(Action action, SubmitActionRequest request, String[] registered) {
        registered[0] = waiters.register(OutcomeWaiters.forAttempt(action.id, action.attempt));
        ActionSubmitted data = new ActionSubmitted(
                action.id,
                action.idempotencyKey,
                ActionType.valueOf(action.actionType),
                action.amount,
                action.currency,
                request.stakeholders().stream()
                        .map(s -> new Stakeholder(
                                s.stakeholderTypeCode(),
                                s.partnerUserId(),
                                s.userEmail(),
                                s.userFirstName(),
                                s.userLastName()))
                        .toList(),
                Boolean.TRUE.equals(request.autoCreateUsers()),
                request.metadata(),
                action.createdAt,
                action.attempt);
        EventEnvelope event = EventEnvelope.of(
                EventTypes.ACTION_SUBMITTED,
                action.partnerId,
                org.sirgiving.events.Environment.fromWire(action.environment),
                action.correlationId,
                data);
        return action.<Action>persist()
                .call(a -> outbox.enqueue(Topics.ACTIONS, a.partnerId, event))
                .map(a -> new Submission(a, false, null));
    }

    private Uni<Submission> awaitOutcome(Action action) {
        return awaitOutcome(action, OutcomeWaiters.forAttempt(action.id, action.attempt));
    }

    private Uni<Submission> awaitOutcome(Action action, String key) {
        return waiters.await(key, waitBudget).map(outcome -> new Submission(action, false, outcome));
    }

    /**
     * Stores an action's outcome once: only a PENDING action is decided, only a COMPLETED one reversed. Every replica
     * may apply the same outcome; all but the first change nothing.
     */
    public Uni<Boolean> applyOutcome(String eventType, ActionOutcome o) {
        return Panache.withTransaction(() -> applyOutcomeIn(eventType, o));
    }

    /** {@link #applyOutcome} inside the caller's transaction (a consumer applies a whole batch in one). */
    public Uni<Boolean> applyOutcomeIn(String eventType, ActionOutcome o) {
        return Uni.createFrom()
                .deferred(() -> {
                    Instant now = Instant.now();
                    if (EventTypes.ACTION_REVERSED.equals(eventType)) {
                        return Action.update(
                                "status = ?1, updatedAt = ?2 where id = ?3 and status = ?4",
                                ActionStatus.REVERSED,
                                now,
                                o.actionId(),
                                ActionStatus.COMPLETED);
                    }
                    ActionStatus status =
                            o.status() == OutcomeStatus.COMPLETED ? ActionStatus.COMPLETED : ActionStatus.FAILED;
                    return Action.update(
                            "status = ?1, tokensDistributed = ?2, transactionIds = ?3, failureCode = ?4, "
                                    + "failureMessage = ?5, updatedAt = ?6 where id = ?7 and status = ?8 and attempt = ?9",
                            status,
                            o.tokensDistributed(),
                            EventJson.write(o.transactionIds() == null ? java.util.List.of() : o.transactionIds()),
                            o.failureCode() == null ? null : o.failureCode().name(),
                            o.failureMessage(),
                            now,
                            o.actionId(),
                            ActionStatus.PENDING,
                            o.attempt());
                })
                .map(n -> n > 0)
                .invoke(changed -> {
                    if (changed) {
                        metrics.counter("sir.actions.outcomes", "type", eventType)
                                .increment();
                    }
                });
    }

    /** The partner's actions in this environment, newest first, filtered, one keyset page at a time. */
    @WithSession
    public Uni<List<Action>> list(AuthenticatedPartner partner, ActionQuery q) {
        StringBuilder hql = new StringBuilder("partnerId = :partner and environment = :env");
        Map<String, Object> params = new HashMap<>();
        params.put("partner", partner.partnerId());
        params.put("env", partner.environment().wireName());
        if (q.status() != null) {
            hql.append(" and status = :status");
            params.put("status", ActionStatus.valueOf(q.status()));
        }
        if (q.actionType() != null) {
            hql.append(" and actionType = :type");
            params.put("type", q.actionType());
        }
        if (q.from() != null) {
            hql.append(" and createdAt >= :from");
            params.put("from", q.from());
        }
        if (q.to() != null) {
            hql.append(" and createdAt < :to");
            params.put("to", q.to());
        }
        if (q.afterCreatedAt() != null) {
            hql.append(" and (createdAt < :ac or (createdAt = :ac and id < :aid))");
            params.put("ac", q.afterCreatedAt());
            params.put("aid", q.afterId());
        }
        hql.append(" order by createdAt desc, id desc");
        return Action.<Action>find(hql.toString(), params).range(0, q.limit()).list(); // limit + 1 rows: is there more?
    }

    /**
     * Asks rewards-service to undo a completed action's reward, once: the first request publishes
     * {@code action.reversal_requested}; any later one (any idempotency key) only reports the same reversal.
     * Waits for {@code action.reversed} within the wait budget.
     */
    public Uni<Submission> reverse(
            AuthenticatedPartner partner, String actionId, String reason, String idempotencyKey, String correlationId) {
        return tx.write(() -> Action.findOwned(actionId, partner.partnerId(), partner.environment())
                        .onItem()
                        .ifNull()
                        .failWith(() -> ApiException.notFound("Action"))
                        .chain(action -> {
                            if (action.status == ActionStatus.REVERSED) {
                                return Uni.createFrom().item(new Submission(action, true, null));
                            }
                            if (action.status != ActionStatus.COMPLETED) {
                                throw new ApiException(
                                        ErrorCode.CONFLICT,
                                        "Only a COMPLETED action can be reversed; this one is " + action.status);
                            }
                            waiters.register(OutcomeWaiters.forReversal(action.id));
                            if (action.reversalRequestedAt != null) {
                                return Uni.createFrom().item(new Submission(action, false, null));
                            }
                            Instant now = Instant.now();
                            return Action.update(
                                            "reversalRequestedAt = ?1, reversalReason = ?2, reversalIdempotencyKey = ?3, "
                                                    + "updatedAt = ?1 where id = ?4 and reversalRequestedAt is null",
                                            now,
                                            reason,
                                            idempotencyKey,
                                            action.id)
                                    .chain(changed -> changed == 0
                                            ? Uni.createFrom().voidItem()
                                            : outbox.enqueue(
                                                    Topics.ACTIONS,
                                                    action.partnerId,
                                                    EventEnvelope.of(
                                                            EventTypes.ACTION_REVERSAL_REQUESTED,
                                                            action.partnerId,
                                                            org.sirgiving.events.Environment.fromWire(
                                                                    action.environment),
                                                            correlationId,
                                                            new ReversalRequested(
                                                                    action.id, reason, idempotencyKey, now))))
                                    .replaceWith(new Submission(action, false, null));
                        }))
                .chain(s -> s.replayed()
                        ? Uni.createFrom().item(s)
                        : awaitOutcome(s.action(), OutcomeWaiters.forReversal(actionId)));
    }

    @WithSession
    public Uni<Action> get(AuthenticatedPartner partner, String actionId) {
        return Action.findOwned(actionId, partner.partnerId(), partner.environment())
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("Action"));
    }

    private static Action newAction(
            String id, AuthenticatedPartner partner, SubmitActionRequest r, String requestHash, String correlationId) {
        Instant now = Instant.now();
        Action a = new Action();
        a.id = id;
        a.partnerId = partner.partnerId();
        a.environment = partner.environment().wireName();
        a.idempotencyKey = r.idempotencyKey();
        a.requestHash = requestHash;
        a.actionType = r.actionType();
        a.amount = r.amount();
        a.currency = r.currency();
        a.request = EventJson.write(r);
        a.status = ActionStatus.PENDING;
        a.transactionIds = "[]";
        a.attempt = 1;
        a.correlationId = correlationId;
        a.createdAt = now;
        a.updatedAt = now;
        return a;
    }

    private static ApiException inProgress() {
        return new ApiException(
                        ErrorCode.IDEMPOTENCY_IN_PROGRESS, "An action with this idempotencyKey is still being handled")
                .withHeader("Retry-After", "1");
    }

    private static String resultTag(Submission s) {
        if (s.replayed()) {
            return "replayed";
        }
        return s.outcome() == null ? "pending" : s.outcome().status().name().toLowerCase();
    }
}
