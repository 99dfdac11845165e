package org.sirgiving.events.payload;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * data of {@code action.reversal_requested} on {@code sir.actions.v1}: undo the reward of a COMPLETED action (tokens
 * back to the pool, users debited). rewards-service answers with {@code action.reversed} (an {@link ActionOutcome}
 * with status REVERSED); a second request for the same action changes nothing and answers the same. {@code metadata}
 * is the action's own, from its submit, so that {@code action.reversed} echoes it (null in older records).
 */
public record ReversalRequested(
        String actionId, String reason, String idempotencyKey, Instant requestedAt, JsonNode metadata) {}
