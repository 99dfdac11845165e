package org.sirgiving.events.payload;

import java.time.Instant;

/**
 * data of {@code partner.production_approved} (sir.partners.v1): what an approval sets up in the other services
 * (docs/partner-api.md section 2). rewards-service creates the production pool with {@code productionPoolAllocation}
 * tokens as its first ledger entry; webhook-dispatcher creates the production endpoint at {@code webhookUrl} (null:
 * none was given). Both act once per request, however often the event is delivered.
 */
public record ProductionApproved(
        String requestId, long productionPoolAllocation, String webhookUrl, String approvedBy, Instant approvedAt) {}
