package org.sirgiving.rewards.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventJson;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.payload.ProductionApproved;
import org.sirgiving.kernel.messaging.RecordProcessing;
import org.sirgiving.rewards.service.PartnerProvisioning;

/**
 * keys-service's decisions on partners ({@code sir.partners.v1}): an approved production request provisions the
 * partner's production pool with the size the operator gave. A redelivered approval finds the pool and changes
 * nothing; a record that cannot be read goes to {@code sir.partners.v1.dlq}.
 */
@ApplicationScoped
public class PartnerDecisionsConsumer {
    private final PartnerProvisioning provisioning;

    public PartnerDecisionsConsumer(PartnerProvisioning provisioning) {
        this.provisioning = provisioning;
    }

    @Incoming("partner-decisions")
    public Uni<Void> onDecision(String json) {
        EventEnvelope event = EventJson.readEnvelope(json);
        if (!EventTypes.PARTNER_PRODUCTION_APPROVED.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        ProductionApproved approval = event.dataAs(ProductionApproved.class);
        return RecordProcessing.retryWhileTransient(() -> provisioning.productionApproved(event.partnerId(), approval));
    }
}
