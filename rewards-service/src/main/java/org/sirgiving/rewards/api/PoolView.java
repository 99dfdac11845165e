package org.sirgiving.rewards.api;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.sirgiving.rewards.domain.TokenPool;

/** A token pool as partners see it (docs/partner-api.md section 5). */
@Schema(
        name = "TokenPool",
        description = "The partner's token pool for one environment: rewards are paid from its balance.",
        requiredProperties = {
            "id",
            "partnerId",
            "environment",
            "status",
            "balance",
            "totalAllocated",
            "totalDistributed",
            "lowBalanceThreshold",
            "autoRefill",
            "vestingDays",
            "tokenExpiryDays",
            "createdAt",
            "updatedAt"
        })
public record PoolView(
        @Schema(examples = "pool_5d41402abc4b2a76b9719d91") String id,
        @Schema(examples = "ptn_acme") String partnerId,
        @Schema(enumeration = {"sandbox", "production"}) String environment,
        TokenPool.Status status,

        @Schema(description = "Tokens available now; never below 0.", examples = "99950")
        long balance,

        @Schema(description = "Every token ever put into the pool.", examples = "100000")
        long totalAllocated,

        @Schema(description = "Every token paid out as a reward (net of reversals).", examples = "50")
        long totalDistributed,

        @Schema(
                description = "Below this balance a `token_pool.low_balance` webhook is sent; null: no alert.",
                nullable = true,
                examples = "1000")
        Long lowBalanceThreshold,

        AutoRefill autoRefill,

        @Schema(description = "Days before a reward's tokens can be used (0: at once).", examples = "0")
        int vestingDays,

        @Schema(description = "Days after which unused tokens expire; null: never.", nullable = true, examples = "365")
        Integer tokenExpiryDays,

        Instant createdAt,
        Instant updatedAt) {

    @Schema(
            name = "TokenPoolAutoRefill",
            description = "Refills the pool by `amount` when its balance falls below `threshold`.",
            requiredProperties = {"enabled", "threshold", "amount"})
    public record AutoRefill(
            boolean enabled,

            @Schema(type = SchemaType.INTEGER, format = "int64", nullable = true, examples = "1000")
            Long threshold,

            @Schema(type = SchemaType.INTEGER, format = "int64", nullable = true, examples = "50000")
            Long amount) {}

    public static PoolView of(TokenPool p) {
        return new PoolView(
                p.id,
                p.partnerId,
                p.environment,
                p.status,
                p.balance,
                p.totalAllocated,
                p.totalDistributed,
                p.lowBalanceThreshold,
                new AutoRefill(p.autoRefillEnabled, p.autoRefillThreshold, p.autoRefillAmount),
                p.vestingDays,
                p.tokenExpiryDays,
                p.createdAt,
                p.updatedAt);
    }
}
