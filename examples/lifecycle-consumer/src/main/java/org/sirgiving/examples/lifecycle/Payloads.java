package org.sirgiving.examples.lifecycle;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The {@code data} of the events this example acts on, with only the fields it uses. Enumerations are strings: a value
 * added to the contract later (a new failure code, a new action type) must not make a record unreadable.
 */
public final class Payloads {
    /** {@code action.completed}, {@code action.failed}, {@code action.reversed}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ActionOutcome(
            String actionId,
            String idempotencyKey,
            String actionType,
            String status,
            long tokensDistributed,
            List<String> transactionIds,
            String failureCode,
            int attempt,
            JsonNode metadata) {}

    /** {@code token_pool.low_balance}, {@code token_pool.depleted}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PoolBalance(String poolId, long balance, Long lowBalanceThreshold, String actionId) {}

    /** {@code apiKey.expiring}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ApiKeyExpiring(
            String keyId, String name, String environment, String expiresAt, String contactEmail) {}

    private Payloads() {}
}
