package org.sirgiving.events.payload;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.sirgiving.events.ActionType;

/**
 * data of {@code action.completed}, {@code action.failed} and {@code action.reversed}: what happened to one action.
 * Partners receive it in webhooks; actions-service stores it as the action's result. {@code attempt} is the
 * submission it decides (0 for a reversal). {@code metadata} is the partner's own object from the submit, echoed
 * (docs/partner-api.md section 4); absent when none was sent, and in records written before the field existed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActionOutcome(
        String actionId,
        String idempotencyKey,
        ActionType actionType,
        OutcomeStatus status,
        long tokensDistributed,
        List<String> transactionIds,
        FailureCode failureCode,
        String failureMessage,
        int attempt,
        JsonNode metadata) {}
