package org.sirgiving.sdk.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The body of {@code POST /v1/partner/campaigns} (a new campaign is DRAFT unless {@code status} is ACTIVE; {@code name}
 * and {@code actionTypes} are required) and of {@code PATCH /v1/partner/campaigns/{id}} (null fields stay as they are;
 * lists are replaced whole).
 */
public record CampaignRequest(
        String name,
        String status,
        List<ActionType> actionTypes,
        BigDecimal multiplier,
        List<Campaign.Split> splits,
        List<Campaign.Tier> tiers,
        Instant startsAt,
        Instant endsAt,
        Long budget,
        Integer priority) {}
