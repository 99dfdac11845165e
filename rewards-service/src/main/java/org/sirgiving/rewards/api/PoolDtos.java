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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
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
    @Schema(name = "NewAllocationRequest", description = "Asks SIR Giving for more tokens in this environment's pool.")
    public record RequestAllocation(
            @NotNull @Positive(message = "must be more than 0") @Max(MAX_TOKENS) @Schema(examples = "50000")
            Long amount,

            @Size(max = 500) @Schema(examples = "Holiday campaign")
            String reason) {
        NewAllocationRequest command() {
            return new NewAllocationRequest(amount, reason);
        }
    }

    @Schema(
            name = "AllocationRequest",
            description = "A request for more tokens; an operator approves (the amount is added to the pool) or rejects"
                    + " it.",
            requiredProperties = {
                "id",
                "partnerId",
                "environment",
                "amount",
                "reason",
                "status",
                "decidedBy",
                "decidedAt",
                "decisionNote",
                "createdAt"
            })
    public record AllocationRequestView(
            @Schema(examples = "areq_0a1b2c3d4e5f60718293a4b5")
            String id,

            @Schema(examples = "ptn_acme") String partnerId,
            @Schema(enumeration = {"sandbox", "production"}) String environment,
            @Schema(examples = "50000") long amount,

            @Schema(nullable = true, examples = "Holiday campaign")
            String reason,

            AllocationRequest.Status status,

            @Schema(description = "The deciding operator; null while PENDING.", nullable = true)
            String decidedBy,

            @Schema(
                    implementation = String.class,
                    format = "date-time",
                    nullable = true,
                    description = "Null while PENDING.")
            Instant decidedAt,

            @Schema(nullable = true) String decisionNote,
            Instant createdAt) {
        public static AllocationRequestView of(AllocationRequest r) {
            return new AllocationRequestView(
                    r.id,
                    r.partnerId,
                    r.environment,
                    r.amount,
                    r.reason,
                    r.status,
                    r.decidedBy,
                    r.decidedAt,
                    r.decisionNote,
                    r.createdAt);
        }
    }

    @Schema(
            name = "TokenPoolAutoRefillInput",
            description = "Refill by `amount` when the balance falls below `threshold` (both required when enabled).")
    public record AutoRefillBody(
            @NotNull @Schema(examples = "true") Boolean enabled,
            @PositiveOrZero @Schema(examples = "1000") Long threshold,

            @Positive(message = "must be more than 0") @Max(MAX_TOKENS) @Schema(examples = "50000")
            Long amount) {
        PoolRestrictions.AutoRefill command() {
            return new PoolRestrictions.AutoRefill(enabled, threshold, amount);
        }
    }

    /**
     * A pool's restrictions ({@code PATCH /v1/admin/token-pools/{id}}): absent fields stay as they are.
     * {@code lowBalanceThreshold: 0} turns the alert off; {@code tokenExpiryDays: 0} means tokens never expire.
     */
    @Schema(name = "TokenPoolRestrictions", description = "Absent fields stay as they are.")
    public record Restrictions(
            @PositiveOrZero @Schema(description = "0 turns the low-balance alert off.", examples = "1000")
            Long lowBalanceThreshold,

            @Valid AutoRefillBody autoRefill,
            @Min(0) @Max(3650) @Schema(examples = "7") Integer vestingDays,

            @Min(0) @Max(3650) @Schema(description = "0: tokens never expire; else more than vestingDays.", examples = "365")
            Integer tokenExpiryDays,

            @OneOf(TokenPool.Status.class) @Schema(ref = "TokenPoolStatus")
            String status) {
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
    @Schema(name = "NewTokenPool", description = "A partner's pool, created and funded by an operator.")
    public record CreatePool(
            @NotBlank @Size(max = 64) @Identifier @Schema(examples = "ptn_acme")
            String partnerId,

            @OneOf(value = Environment.class, ignoreCase = true)
            @Schema(
                    enumeration = {"sandbox", "production"},
                    defaultValue = "production")
            String environment,

            @NotNull @PositiveOrZero @Max(MAX_TOKENS) @Schema(examples = "1000000")
            Long initialAllocation,

            @Valid Restrictions restrictions) {
        NewPool command() {
            Environment env = environment == null ? Environment.PRODUCTION : Environment.fromWire(environment);
            return new NewPool(partnerId, env, initialAllocation, restrictions == null ? null : restrictions.command());
        }
    }

    /** {@code POST /v1/admin/token-pools/{id}/allocations}: tokens added by an operator (an ALLOCATION entry). */
    @Schema(name = "TokenPoolFunding", description = "Tokens an operator adds to a pool (an ALLOCATION entry).")
    public record Fund(
            @NotNull @Positive(message = "must be more than 0") @Max(MAX_TOKENS) @Schema(examples = "250000")
            Long amount,

            @Size(max = 500) @Schema(examples = "Q3 top-up") String reason) {
        Funding command() {
            return new Funding(amount, reason);
        }
    }

    @Schema(name = "AllocationRequestDecision", description = "An operator's note on approving or rejecting.")
    public record Decision(
            @Size(max = 500) @Schema(examples = "Approved for the holiday campaign")
            String note) {}

    private PoolDtos() {}
}
