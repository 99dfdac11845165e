package org.sirgiving.rewards.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.sirgiving.events.ActionType;
import org.sirgiving.rewards.domain.Campaign;

/**
 * A campaign to create. Null {@code status}: DRAFT; null {@code multiplier}: 1; null {@code priority}: 0; null lists:
 * none. Field rules are the request's; rules across fields are {@link CampaignService}'s.
 */
public record NewCampaign(
        String name,
        Campaign.Status status,
        List<ActionType> actionTypes,
        BigDecimal multiplier,
        List<Campaign.Split> splits,
        List<Campaign.Tier> tiers,
        Instant startsAt,
        Instant endsAt,
        Long budget,
        Integer priority) {}
