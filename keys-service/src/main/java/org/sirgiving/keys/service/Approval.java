package org.sirgiving.keys.service;

import org.sirgiving.keys.domain.Tier;

/**
 * An operator's approval of a production request: the tier, its rate limit unless given, the production pool's first
 * allocation (the configured default unless given), and a note.
 */
public record Approval(Tier tier, Integer rateLimit, Long productionPoolAllocation, String note) {}
