package org.sirgiving.webhooks.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventJson;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.payload.ProductionApproved;
import org.sirgiving.kernel.messaging.RecordProcessing;
import org.sirgiving.webhooks.service.ProductionEndpoints;

/**
 * keys-service's decisions on partners ({@code sir.partners.v1}): an approved production request sets up the
 * partner's production endpoint at the URL it named. A redelivered approval finds the endpoint and changes nothing; a
 * record that cannot be read goes to {@code sir.partners.v1.dlq}.
 */
@ApplicationScoped
public class PartnerDecisionsConsumer {
    private final ProductionEndpoints endpoints;

    public PartnerDecisionsConsumer(ProductionEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Incoming("partner-decisions")
    public Uni<Void> onDecision(String json) {
        EventEnvelope event = EventJson.readEnvelope(json);
        if (!EventTypes.PARTNER_PRODUCTION_APPROVED.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        ProductionApproved approval = event.dataAs(ProductionApproved.class);
        return RecordProcessing.retryWhileTransient(() -> endpoints.provision(event.partnerId(), approval));
    }
}
