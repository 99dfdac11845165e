package org.sirgiving.actions.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import org.sirgiving.events.ActionType;
import org.sirgiving.events.payload.Stakeholder;

/** Submit an action to be rewarded once under its idempotency key (docs/partner-api.md section 4). */
public record SubmitAction(
        String idempotencyKey,
        ActionType actionType,
        BigDecimal amount,
        String currency,
        List<Stakeholder> stakeholders,
        boolean autoCreateUsers,
        JsonNode metadata) {}
