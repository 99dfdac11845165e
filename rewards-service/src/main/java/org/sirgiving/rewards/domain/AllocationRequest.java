package org.sirgiving.rewards.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A partner's request for more tokens; an operator approves it (an ALLOCATION ledger entry) or rejects it. */
@Entity
@Table(name = "allocation_requests")
public class AllocationRequest extends PanacheEntityBase {
    @Schema(name = "AllocationRequestStatus", description = "PENDING until an operator approves or rejects it.")
    public enum Status {
        PENDING,
        APPROVED,
        REJECTED
    }

    @Id
    public String id;

    @Column(name = "partner_id", nullable = false)
    public String partnerId;

    @Column(nullable = false)
    public String environment;

    @Column(nullable = false)
    public long amount;

    public String reason;

    @Column(nullable = false)
    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "decision_note")
    public String decisionNote;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "request_hash")
    public String requestHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** An operator's decision on a PENDING request. */
    public void decide(Status decision, String operator, String note, Instant at) {
        status = decision;
        decidedBy = operator;
        decidedAt = at;
        decisionNote = note;
    }
}
