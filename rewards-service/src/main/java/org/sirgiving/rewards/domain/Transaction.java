package org.sirgiving.rewards.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One line of a user's ledger: a stakeholder credited (REWARD) or debited (REVERSAL, EXPIRY). */
@Entity
@Table(name = "transactions")
public class Transaction extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "partner_id", nullable = false)
    public String partnerId;
    @Column(nullable = false)
    public String environment;
    @Column(name = "user_id", nullable = false)
    public String userId;
    @Column(name = "action_id", nullable = false)
    public String actionId;
    @Column(name = "stakeholder_type_code")
    public String stakeholderTypeCode;
    @Column(nullable = false)
    public String type;
    @Column(nullable = false)
    public String status;
    @Column(nullable = false)
    public long tokens;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
