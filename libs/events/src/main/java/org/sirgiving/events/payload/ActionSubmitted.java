package org.sirgiving.events.payload;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.sirgiving.events.ActionType;

/**
 * data of {@code action.submitted} on {@code sir.actions.v1}: an accepted action, to be rewarded once. {@code attempt}
 * counts its submissions (a resubmission after a retryable refusal is the next attempt); outcomes echo it, so that a
 * late outcome of an earlier attempt never decides a later one.
 */
public record ActionSubmitted(
        String actionId,
        String idempotencyKey,
        ActionType actionType,
        BigDecimal amount,
        String currency,
        List<Stakeholder> stakeholders,
        boolean autoCreateUsers,
        JsonNode metadata,
        Instant submittedAt,
        int attempt) {}
