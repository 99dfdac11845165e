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
import org.hibernate.annotations.DynamicUpdate;

/** One per (partner, environment). {@code balance} only changes together with a {@link LedgerEntry}. */
@Entity
// Only changed columns are written: an edit of other fields never overwrites a balance the guarded UPDATEs moved.
@DynamicUpdate
@Table(name = "token_pools")
public class TokenPool extends PanacheEntityBase {
    /** Whether the pool pays rewards: operators suspend and reactivate it. */
    @Schema(name = "TokenPoolStatus", description = "A SUSPENDED pool pays no rewards.")
    public enum Status {
        ACTIVE,
        SUSPENDED
    }

    @Id
    public String id;

    @Column(name = "partner_id", nullable = false)
    public String partnerId;

    @Column(nullable = false)
    public String environment;

    @Column(nullable = false)
    @Enumerated(EnumType.STRING)
    public Status status;

    // Read-only here: only PoolLedger moves these, with a guarded UPDATE and its ledger entry (TokenPoolStore).
    @Column(nullable = false, insertable = false, updatable = false)
    public long balance;

    @Column(name = "total_allocated", nullable = false, insertable = false, updatable = false)
    public long totalAllocated;

    @Column(name = "total_distributed", nullable = false, insertable = false, updatable = false)
    public long totalDistributed;

    @Column(name = "low_balance_threshold")
    public Long lowBalanceThreshold;

    @Column(name = "auto_refill_enabled", nullable = false)
    public boolean autoRefillEnabled;

    @Column(name = "auto_refill_threshold")
    public Long autoRefillThreshold;

    @Column(name = "auto_refill_amount")
    public Long autoRefillAmount;

    @Column(name = "vesting_days", nullable = false)
    public int vestingDays;

    @Column(name = "token_expiry_days")
    public Integer tokenExpiryDays;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Whether the pool pays rewards (a SUSPENDED one does not). */
    public boolean isActive() {
        return status == Status.ACTIVE;
    }
}
