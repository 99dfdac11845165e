package org.sirgiving.keys.service;

import java.util.List;
import org.sirgiving.events.ActionType;

/** A partner's request for production access (docs/partner-api.md section 2), as the operators will review it. */
public record RequestProduction(
        String legalEntityName,
        String contactEmail,
        String useCase,
        long expectedMonthlyVolume,
        List<ActionType> actionTypes,
        String stakeholderModel,
        String webhookUrl) {}
