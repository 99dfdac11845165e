package org.sirgiving.keys.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A partner's request for production access, decided by an operator. */
@Entity
@Table(name = "production_requests")
public class ProductionRequest extends PanacheEntityBase {
    @Id
    public String id;

    @Column(name = "partner_id", nullable = false)
    public String partnerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RequestStatus status;

    @Column(name = "legal_entity_name", nullable = false)
    public String legalEntityName;

    @Column(name = "contact_email", nullable = false)
    public String contactEmail;

    @Column(name = "use_case", nullable = false)
    public String useCase;

    @Column(name = "expected_monthly_volume", nullable = false)
    public long expectedMonthlyVolume;
    /** Comma-separated action type names (libs/events ActionType). */
    @Column(name = "action_types", nullable = false)
    public String actionTypes;

    @Column(name = "stakeholder_model", nullable = false)
    public String stakeholderModel;

    @Column(name = "webhook_url")
    public String webhookUrl;

    /** Set on approval: the tokens the production pool starts with. */
    @Column(name = "production_pool_allocation")
    public Long productionPoolAllocation;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "decision_reason")
    public String decisionReason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** An operator's decision; final. */
    public void decide(RequestStatus decision, String operator, String reason, Instant now) {
        status = decision;
        decidedBy = operator;
        decidedAt = now;
        decisionReason = reason;
    }
}
