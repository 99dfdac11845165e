package org.sirgiving.actions.repository;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sirgiving.actions.domain.Action;
import org.sirgiving.actions.domain.ActionFilter;
import org.sirgiving.actions.domain.ActionStatus;
import org.sirgiving.events.Environment;
import org.sirgiving.events.EventJson;
import org.sirgiving.events.payload.ActionOutcome;

/** Every query of the {@code actions} table. Callers run them inside a {@code UnitOfWork} read or write. */
@ApplicationScoped
public class ActionStore {

    /** The action under a partner's idempotency key, locked until the transaction ends (null: none yet). */
    public Uni<Action> findByKeyForUpdate(String partnerId, Environment environment, String idempotencyKey) {
        return Action.<Action>find(
                        "partnerId = ?1 and environment = ?2 and idempotencyKey = ?3",
                        partnerId,
                        environment.wireName(),
                        idempotencyKey)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }

    /** The action if the partner owns it in this environment (null: unknown, or someone else's). */
    public Uni<Action> findOwned(String id, String partnerId, Environment environment) {
        return Action.<Action>find(
                        "id = ?1 and partnerId = ?2 and environment = ?3", id, partnerId, environment.wireName())
                .firstResult();
    }

    public Uni<Action> persist(Action action) {
        return action.persist();
    }

    /**
     * The partner's actions in this environment that pass {@code filter}, newest first, after its position: up to
     * {@code filter.limit() + 1} rows, the extra one telling whether another page follows.
     */
    public Uni<List<Action>> list(String partnerId, Environment environment, ActionFilter filter) {
        StringBuilder hql = new StringBuilder("partnerId = :partner and environment = :env");
        Map<String, Object> params = new HashMap<>();
        params.put("partner", partnerId);
        params.put("env", environment.wireName());
        if (filter.status() != null) {
            hql.append(" and status = :status");
            params.put("status", filter.status());
        }
        if (filter.actionType() != null) {
            hql.append(" and actionType = :type");
            params.put("type", filter.actionType());
        }
        if (filter.from() != null) {
            hql.append(" and createdAt >= :from");
            params.put("from", filter.from());
        }
        if (filter.to() != null) {
            hql.append(" and createdAt < :to");
            params.put("to", filter.to());
        }
        if (filter.after() != null) {
            hql.append(" and (createdAt < :ac or (createdAt = :ac and id < :aid))");
            params.put("ac", filter.after().createdAt());
            params.put("aid", filter.after().id());
        }
        hql.append(" order by createdAt desc, id desc");
        // range is inclusive: limit + 1 rows.
        return Action.<Action>find(hql.toString(), params)
                .range(0, filter.limit())
                .list();
    }

    /**
     * Stores the outcome of one attempt, once: only a PENDING action whose current attempt it is changes (a late
     * outcome of an earlier attempt, or a second replica applying the same one, changes nothing).
     */
    public Uni<Boolean> storeOutcome(ActionOutcome o, Instant now) {
        List<String> transactionIds = o.transactionIds() == null ? List.of() : o.transactionIds();
        return Action.update(
                        "status = ?1, tokensDistributed = ?2, transactionIds = ?3, failureCode = ?4, "
                                + "failureMessage = ?5, updatedAt = ?6 where id = ?7 and status = ?8 and attempt = ?9",
                        ActionStatus.decidedBy(o.status()),
                        o.tokensDistributed(),
                        EventJson.write(transactionIds),
                        o.failureCode(),
                        o.failureMessage(),
                        now,
                        o.actionId(),
                        ActionStatus.PENDING,
                        o.attempt())
                .map(n -> n > 0);
    }

    /**
     * Marks a COMPLETED action REVERSED, once, with the reversal's transactions as its {@code transactionIds}: the first
     * answer, every replay, GET and {@code action.reversed} then report the same ones.
     */
    public Uni<Boolean> storeReversal(ActionOutcome reversal, Instant now) {
        List<String> transactionIds = reversal.transactionIds() == null ? List.of() : reversal.transactionIds();
        return Action.update(
                        "status = ?1, transactionIds = ?2, updatedAt = ?3 where id = ?4 and status = ?5",
                        ActionStatus.REVERSED,
                        EventJson.write(transactionIds),
                        now,
                        reversal.actionId(),
                        ActionStatus.COMPLETED)
                .map(n -> n > 0);
    }

    /** Records the first reversal request of an action; false when one was recorded before. */
    public Uni<Boolean> requestReversal(String actionId, String reason, String idempotencyKey, Instant now) {
        return Action.update(
                        "reversalRequestedAt = ?1, reversalReason = ?2, reversalIdempotencyKey = ?3, "
                                + "updatedAt = ?1 where id = ?4 and reversalRequestedAt is null",
                        now,
                        reason,
                        idempotencyKey,
                        actionId)
                .map(n -> n > 0);
    }
}
