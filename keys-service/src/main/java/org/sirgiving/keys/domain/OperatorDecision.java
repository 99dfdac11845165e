package org.sirgiving.keys.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The audit record of one operator decision: who, when, what, why. Never updated. */
@Entity
@Table(name = "operator_decisions")
public class OperatorDecision extends PanacheEntityBase {
    @Id
    public String id;

    @Column(name = "partner_id", nullable = false)
    public String partnerId;

    @Column(name = "request_id")
    public String requestId;

    @Column(name = "operator_subject", nullable = false)
    public String operatorSubject;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DecisionKind decision;

    public String reason;
    /** JSON. */
    public String details;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
