package org.sirgiving.actions.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import org.sirgiving.events.Environment;
import org.sirgiving.events.payload.FailureCode;

/** A partner's action. Its (partner, environment, idempotencyKey) is unique: the row is the idempotency record. */
@Entity
@Table(name = "actions")
public class Action extends PanacheEntityBase {
    @Id
    public String id;

    @Column(name = "partner_id", nullable = false)
    public String partnerId;

    @Column(nullable = false)
    public String environment;

    @Column(name = "idempotency_key", nullable = false)
    public String idempotencyKey;

    @Column(name = "request_hash", nullable = false)
    public String requestHash;

    @Column(name = "action_type", nullable = false)
    public String actionType;

    @Column(nullable = false)
    public BigDecimal amount;

    @Column(nullable = false)
    public String currency;

    @Column(nullable = false)
    public String request;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ActionStatus status;

    @Column(name = "tokens_distributed", nullable = false)
    public long tokensDistributed;
    /** JSON array of transaction ids. */
    @Column(name = "transaction_ids", nullable = false)
    public String transactionIds;

    @Column(name = "failure_code")
    public String failureCode;

    @Column(name = "failure_message")
    public String failureMessage;

    @Column(nullable = false)
    public int attempt;

    @Column(name = "correlation_id")
    public String correlationId;

    @Column(name = "reversal_requested_at")
    public Instant reversalRequestedAt;

    @Column(name = "reversal_reason")
    public String reversalReason;

    @Column(name = "reversal_idempotency_key")
    public String reversalIdempotencyKey;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static Uni<Action> findByKey(String partnerId, Environment environment, String idempotencyKey) {
        return find(
                        "partnerId = ?1 and environment = ?2 and idempotencyKey = ?3",
                        partnerId,
                        environment.wireName(),
                        idempotencyKey)
                .firstResult();
    }

    /** The same, with the row locked until the transaction ends. */
    public static Uni<Action> findByKeyForUpdate(String partnerId, Environment environment, String idempotencyKey) {
        return find(
                        "partnerId = ?1 and environment = ?2 and idempotencyKey = ?3",
                        partnerId,
                        environment.wireName(),
                        idempotencyKey)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }

    public static Uni<Action> findOwned(String id, String partnerId, Environment environment) {
        return find("id = ?1 and partnerId = ?2 and environment = ?3", id, partnerId, environment.wireName())
                .firstResult();
    }

    /** Failures the partner can fix without changing the request: the same key may be submitted again. */
    public boolean failedRetryably() {
        return status == ActionStatus.FAILED
                && failureCode != null
                && FailureCode.valueOf(failureCode).resubmittable();
    }
}
