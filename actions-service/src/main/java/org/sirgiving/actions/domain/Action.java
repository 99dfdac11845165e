package org.sirgiving.actions.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import org.sirgiving.events.ActionType;
import org.sirgiving.events.EventJson;
import org.sirgiving.events.payload.FailureCode;

/**
 * A partner's action. Its (partner, environment, idempotencyKey) is unique: the row is the idempotency record. Mapping
 * and pure rules only; every query of the table is in {@code repository.ActionStore}.
 */
@Entity
@Table(name = "actions")
public class Action extends PanacheEntityBase {
    @Id
    public String id;

    @Column(name = "partner_id", nullable = false)
    public String partnerId;

    /** The wire name (sandbox, production), as the column's CHECK spells it: not an {@code @Enumerated} name. */
    @Column(nullable = false)
    public String environment;

    @Column(name = "idempotency_key", nullable = false)
    public String idempotencyKey;

    @Column(name = "request_hash", nullable = false)
    public String requestHash;

    @Enumerated(EnumType.STRING)
    @Column(name = "action_type", nullable = false)
    public ActionType actionType;

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

    @Enumerated(EnumType.STRING)
    @Column(name = "failure_code")
    public FailureCode failureCode;

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

    /**
     * The partner's {@code metadata} as submitted (docs/partner-api.md section 4: stored and echoed), read from the
     * stored request; null when none was sent.
     */
    public JsonNode metadata() {
        try {
            JsonNode metadata = EventJson.MAPPER.readTree(request).get("metadata");
            return metadata == null || metadata.isNull() ? null : metadata;
        } catch (IOException e) {
            throw new UncheckedIOException("Stored request is not JSON", e);
        }
    }

    /** Failures the partner can fix without changing the request: the same key may be submitted again. */
    public boolean failedRetryably() {
        return status == ActionStatus.FAILED && failureCode != null && failureCode.resubmittable();
    }

    /** Makes a retryably failed action the next attempt of the same submission (its outcomes carry the attempt). */
    public void retake(String newCorrelationId, Instant now) {
        status = ActionStatus.PENDING;
        failureCode = null;
        failureMessage = null;
        attempt++;
        correlationId = newCorrelationId;
        updatedAt = now;
    }
}
