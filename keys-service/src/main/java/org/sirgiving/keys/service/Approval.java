package org.sirgiving.keys.service;

import org.sirgiving.keys.domain.Tier;

/** An operator's approval of a production request: the tier, its rate limit unless given, and a note. */
public record Approval(Tier tier, Integer rateLimit, String note) {}
