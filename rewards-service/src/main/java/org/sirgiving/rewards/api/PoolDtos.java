package org.sirgiving.rewards.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.sirgiving.events.Environment;
import org.sirgiving.kernel.validation.Identifier;
import org.sirgiving.kernel.validation.OneOf;
import org.sirgiving.rewards.domain.AllocationRequest;
import org.sirgiving.rewards.domain.TokenPool;
import org.sirgiving.rewards.service.Funding;
import org.sirgiving.rewards.service.NewAllocationRequest;
import org.sirgiving.rewards.service.NewPool;
import org.sirgiving.rewards.service.PoolRestrictions;

/** Allocation requests and the operators' pool administration. */
public final class PoolDtos {
    static final long MAX_TOKENS = 1_000_000_000_000L;

    /** {@code POST /v1/partner/token-pools/request}. */
    public record RequestAllocation(
            @NotNull @Positive(message = "must be more than 0") @Max(MAX_TOKENS) Long amount,

            @Size(max = 500) String reason) {
        NewAllocationRequest command() {
            return new NewAllocationRequest(amount, reason);
        }
    }

    public record AllocationRequestView(
            String id,
            String partnerId,
            String environment,
            long amount,
            String reason,
            String status,
            String decidedBy,
            Instant decidedAt,
            String decisionNote,
            Instant createdAt) {
        public static AllocationRequestView of(AllocationRequest r) {
            return new AllocationRequestView(
                    r.id,
                    r.partnerId,
                    r.environment,
                    r.amount,
                    r.reason,
                    r.status.name(),
                    r.decidedBy,
                    r.decidedAt,
                    r.decisionNote,
                    r.createdAt);
        }
    }

    public record AutoRefillBody(
            @NotNull Boolean enabled,
            @PositiveOrZero Long threshold,

            @Positive(message = "must be more than 0") @Max(MAX_TOKENS) Long amount) {
        PoolRestrictions.AutoRefill command() {
            return new PoolRestrictions.AutoRefill(enabled, threshold, amount);
        }
    }

    /**
     * A pool's restrictions ({@code PATCH /v1/admin/token-pools/{id}}): absent fields stay as they are.
     * {@code lowBalanceThreshold: 0} turns the alert off; {@code tokenExpiryDays: 0} means tokens never expire.
     */
    public record Restrictions(
            @PositiveOrZero Long lowBalanceThreshold,
            @Valid AutoRefillBody autoRefill,
            @Min(0) @Max(3650) Integer vestingDays,
            @Min(0) @Max(3650) Integer tokenExpiryDays,

            @OneOf(TokenPool.Status.class) String status) {
        PoolRestrictions command() {
            return new PoolRestrictions(
                    lowBalanceThreshold,
                    autoRefill == null ? null : autoRefill.command(),
                    vestingDays,
                    tokenExpiryDays,
                    status == null ? null : TokenPool.Status.valueOf(status));
        }
    }

    /**
     * {@code POST /v1/admin/token-pools}: a production pool (the default) needs the partner's approved production
     * request.
     */
    public record CreatePool(
            @NotBlank @Size(max = 64) @Identifier String partnerId,

            @OneOf(value = Environment.class, ignoreCase = true)
            String environment,

            @NotNull @PositiveOrZero @Max(MAX_TOKENS) Long initialAllocation,
            @Valid Restrictions restrictions) {
        NewPool command() {
            Environment env = environment == null ? Environment.PRODUCTION : Environment.fromWire(environment);
            return new NewPool(partnerId, env, initialAllocation, restrictions == null ? null : restrictions.command());
        }
    }

    /** {@code POST /v1/admin/token-pools/{id}/allocations}: tokens added by an operator (an ALLOCATION entry). */
    public record Fund(
            @NotNull @Positive(message = "must be more than 0") @Max(MAX_TOKENS) Long amount,

            @Size(max = 500) String reason) {
        Funding command() {
            return new Funding(amount, reason);
        }
    }

    public record Decision(@Size(max = 500) String note) {}

    private PoolDtos() {}
}
