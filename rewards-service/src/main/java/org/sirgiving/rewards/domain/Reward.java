package org.sirgiving.rewards.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.sirgiving.events.ActionType;

/** The reward of one action; its primary key (the action id) makes a second reward impossible. */
@Entity
@Table(name = "rewards")
public class Reward extends PanacheEntityBase {
    public enum Status {
        COMPLETED,
        REVERSED
    }

    @Id
    @Column(name = "action_id")
    public String actionId;

    @Column(name = "partner_id", nullable = false)
    public String partnerId;

    @Column(nullable = false)
    public String environment;

    @Column(name = "pool_id", nullable = false)
    public String poolId;

    @Column(nullable = false)
    public long tokens;

    @Column(nullable = false)
    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "campaign_id")
    public String campaignId;

    @Enumerated(EnumType.STRING)
    @Column(name = "action_type")
    public ActionType actionType;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "reversed_at")
    public Instant reversedAt;

    @Column(name = "reversal_reason")
    public String reversalReason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
