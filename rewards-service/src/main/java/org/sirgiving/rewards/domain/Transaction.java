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
    public static final String REWARD = "REWARD";
    public static final String REVERSAL = "REVERSAL";
    public static final String EXPIRY = "EXPIRY";
    public static final String COMPLETED = "COMPLETED";
    public static final String REVERSED = "REVERSED";

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
    /** REVERSAL, EXPIRY: the REWARD transaction they take tokens back from. */
    @Column(name = "related_transaction_id")
    public String relatedTransactionId;
    /** REWARD: pending until {@code vestedAt} is stamped (at {@code vestsAt}, by the maintenance job). */
    @Column(name = "vests_at")
    public Instant vestsAt;

    @Column(name = "vested_at")
    public Instant vestedAt;
    /** REWARD: an EXPIRY transaction takes the tokens back at {@code expiresAt}; {@code expiredAt} marks it done. */
    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "expired_at")
    public Instant expiredAt;
}
