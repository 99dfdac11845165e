package org.sirgiving.rewards.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An append-only change to a pool. Never updated, never deleted. */
@Entity
@Table(name = "ledger_entries")
public class LedgerEntry extends PanacheEntityBase {
    @Schema(name = "LedgerEntryType")
    public enum Type {
        ALLOCATION,
        REWARD,
        REVERSAL,
        EXPIRY,
        REFILL
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "pool_id", nullable = false)
    public String poolId;

    @Column(name = "entry_type", nullable = false)
    @Enumerated(EnumType.STRING)
    public Type entryType;
    /** Signed: credits to the pool are positive, debits negative. */
    @Column(nullable = false)
    public long amount;

    @Column(name = "balance_after", nullable = false)
    public long balanceAfter;

    @Column(name = "action_id")
    public String actionId;

    @Column
    public String reference;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
