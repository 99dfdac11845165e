package org.sirgiving.rewards.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.sirgiving.events.ActionType;
import org.sirgiving.rewards.domain.Campaign;

/** A change to a campaign: null fields stay as they are; lists are replaced whole. */
public record CampaignChanges(
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
