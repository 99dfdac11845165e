package org.sirgiving.events.payload;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * data of {@code token_pool.low_balance} (the balance fell below {@code lowBalanceThreshold}) and
 * {@code token_pool.depleted} (the balance reached 0): the pool as it stands after the debit that caused it
 * ({@code actionId}), including any auto-refill that debit triggered.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenPoolBalance(
        String poolId,
        long balance,
        Long lowBalanceThreshold,
        long totalAllocated,
        long totalDistributed,
        String actionId) {}
