package org.sirgiving.events.payload;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * data of {@code action.completed}, {@code action.failed} and {@code action.reversed}: what happened to one action.
 * Partners receive it in webhooks; actions-service stores it as the action's result. {@code attempt} is the
 * submission it decides (0 for a reversal).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActionOutcome(
        String actionId,
        String idempotencyKey,
        String actionType,
        String status,
        long tokensDistributed,
        List<String> transactionIds,
        String failureCode,
        String failureMessage,
        int attempt) {

    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";
    public static final String REVERSED = "REVERSED";

    /** {@code failureCode}s of a FAILED outcome: the one home of the codes the producer and consumers share. */
    public static final String INSUFFICIENT_POOL = "INSUFFICIENT_POOL";

    public static final String USER_NOT_FOUND = "USER_NOT_FOUND";
    /** The action cannot be processed for a reason of its own (e.g. data PostgreSQL cannot store). */
    public static final String INVALID_ACTION = "INVALID_ACTION";
    /** The reward for the action's amount does not fit in a token amount. */
    public static final String REWARD_OVERFLOW = "REWARD_OVERFLOW";
}
