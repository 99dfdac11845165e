package org.sirgiving.actions.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.sirgiving.actions.domain.Action;
import org.sirgiving.events.ActionType;
import org.sirgiving.events.EventJson;
import org.sirgiving.events.payload.ActionOutcome;
import org.sirgiving.events.payload.FailureCode;

/** An action as partners see it: the submit response (docs/partner-api.md section 4) and the read endpoints. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActionView(
        String actionId,
        String idempotencyKey,
        String status,
        long tokensDistributed,
        List<String> transactionIds,
        ActionType actionType,
        BigDecimal amount,
        String currency,
        String environment,
        FailureCode failureCode,
        String failureMessage,
        Instant reversalRequestedAt,
        String reversalReason,
        Instant createdAt,
        Instant updatedAt,
        JsonNode metadata) {

    public static ActionView of(Action a) {
        return new ActionView(
                a.id,
                a.idempotencyKey,
                a.status.name(),
                a.tokensDistributed,
                transactionIds(a),
                a.actionType,
                a.amount,
                a.currency,
                a.environment,
                a.failureCode,
                a.failureMessage,
                a.reversalRequestedAt,
                a.reversalReason,
                a.createdAt,
                a.updatedAt,
                a.metadata());
    }

    /** The same action with the outcome that was just announced (the stored row may be updated a moment later). */
    public ActionView decidedBy(ActionOutcome o) {
        return new ActionView(
                actionId,
                idempotencyKey,
                o.status().name(),
                o.tokensDistributed(),
                o.transactionIds() == null ? List.of() : o.transactionIds(),
                actionType,
                amount,
                currency,
                environment,
                o.failureCode(),
                o.failureMessage(),
                reversalRequestedAt,
                reversalReason,
                createdAt,
                updatedAt,
                metadata);
    }

    private static List<String> transactionIds(Action a) {
        try {
            return Arrays.asList(EventJson.MAPPER.readValue(a.transactionIds, String[].class));
        } catch (IOException e) {
            throw new IllegalStateException("Stored transaction ids are not a JSON array", e);
        }
    }
}
