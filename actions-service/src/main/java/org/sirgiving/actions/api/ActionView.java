package org.sirgiving.actions.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.sirgiving.actions.domain.Action;
import org.sirgiving.actions.domain.ActionStatus;
import org.sirgiving.events.ActionType;
import org.sirgiving.events.EventJson;
import org.sirgiving.events.payload.ActionOutcome;
import org.sirgiving.events.payload.FailureCode;
import org.sirgiving.events.payload.OutcomeStatus;

/** An action as partners see it: the submit response (docs/partner-api.md section 4) and the read endpoints. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Action", description = "An action and what it came to. Fields without a value are left out.")
public record ActionView(
        @Schema(
                required = true,
                description = "Keep it (e.g. for a refund).",
                examples = "act_5d41402abc4b2a76b9719d91")
        String actionId,

        @Schema(required = true, examples = "purchase_98765")
        String idempotencyKey,

        @Schema(
                required = true,
                description = "`PENDING`: accepted, reward not decided yet. `COMPLETED`: rewarded. `FAILED`: not"
                        + " rewarded (see `failureCode`). `REVERSED`: the reward was undone.")
        ActionStatus status,

        @Schema(
                required = true,
                description = "Whole tokens the action distributed (0 while PENDING).",
                examples = "50")
        long tokensDistributed,

        @Schema(
                required = true,
                description = "The reward's transactions, or once REVERSED the reversal's; empty while PENDING.")
        List<String> transactionIds,

        @Schema(required = true) ActionType actionType,
        @Schema(required = true, examples = "49.99") BigDecimal amount,
        @Schema(required = true, examples = "USD") String currency,

        @Schema(
                required = true,
                enumeration = {"sandbox", "production"})
        String environment,

        @Schema(description = "Why a FAILED action was not rewarded.")
        FailureCode failureCode,

        @Schema(description = "For people; may change.") String failureMessage,

        @Schema(description = "When a reversal was first asked for.")
        Instant reversalRequestedAt,

        @Schema(description = "The reason given with the reversal.")
        String reversalReason,

        @Schema(required = true) Instant createdAt,
        @Schema(required = true) Instant updatedAt,

        @Schema(
                type = SchemaType.OBJECT,
                implementation = Object.class,
                additionalProperties = Schema.True.class,
                description = "The `metadata` submitted, as sent (key order and number spelling may differ);"
                        + " absent when none was.")
        JsonNode metadata) {

    static final String EXAMPLE_COMPLETED =
            "{\"actionId\":\"act_5d41402abc4b2a76b9719d91\",\"idempotencyKey\":\"purchase_98765\","
                    + "\"status\":\"COMPLETED\",\"tokensDistributed\":50,\"transactionIds\":[\"txn_7f3c2a1b9d8e4f60a1b2c3d4\"],"
                    + "\"actionType\":\"PURCHASE\",\"amount\":49.99,\"currency\":\"USD\",\"environment\":\"sandbox\","
                    + "\"createdAt\":\"2026-05-10T11:20:00.120Z\",\"updatedAt\":\"2026-05-10T11:20:00.480Z\","
                    + "\"metadata\":{\"orderId\":\"order-98765\"}}";
    static final String EXAMPLE_PENDING =
            "{\"actionId\":\"act_5d41402abc4b2a76b9719d91\",\"idempotencyKey\":\"purchase_98765\","
                    + "\"status\":\"PENDING\",\"tokensDistributed\":0,\"transactionIds\":[],"
                    + "\"actionType\":\"PURCHASE\",\"amount\":49.99,\"currency\":\"USD\",\"environment\":\"sandbox\","
                    + "\"createdAt\":\"2026-05-10T11:20:00.120Z\",\"updatedAt\":\"2026-05-10T11:20:00.120Z\","
                    + "\"metadata\":{\"orderId\":\"order-98765\"}}";
    static final String EXAMPLE_REPLAYED = "{\"statusCode\":409,\"code\":\"IDEMPOTENT\","
            + "\"message\":\"This idempotency key was already used; the original action is in result\","
            + "\"requestId\":\"req_3f9a0c1b2d4e5f6a7b8c9d0e\",\"result\":" + EXAMPLE_COMPLETED + "}";
    static final String EXAMPLE_IN_PROGRESS = "{\"statusCode\":409,\"code\":\"IDEMPOTENCY_IN_PROGRESS\","
            + "\"message\":\"A request with this idempotency key is still being handled\","
            + "\"requestId\":\"req_3f9a0c1b2d4e5f6a7b8c9d0e\"}";

    public static ActionView of(Action a) {
        return new ActionView(
                a.id,
                a.idempotencyKey,
                a.status,
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
                statusOf(o.status()),
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

    private static ActionStatus statusOf(OutcomeStatus announced) {
        return switch (announced) {
            case COMPLETED -> ActionStatus.COMPLETED;
            case FAILED -> ActionStatus.FAILED;
            case REVERSED -> ActionStatus.REVERSED;
        };
    }

    private static List<String> transactionIds(Action a) {
        try {
            return Arrays.asList(EventJson.MAPPER.readValue(a.transactionIds, String[].class));
        } catch (IOException e) {
            throw new IllegalStateException("Stored transaction ids are not a JSON array", e);
        }
    }
}
