package org.sirgiving.rewards.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.sirgiving.events.Environment;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventJson;
import org.sirgiving.events.EventTypes;
import org.sirgiving.rewards.service.PoolLedger;

/** A partner's first sandbox key provisions its sandbox pool, so that reward flows can be tried at once. */
@ApplicationScoped
public class PoolProvisioningConsumer {
    private final PoolLedger ledger;

    public PoolProvisioningConsumer(PoolLedger ledger) {
        this.ledger = ledger;
    }

    @Incoming("pool-provisioning")
    public Uni<Void> onCredential(String json) {
        EventEnvelope event = EventJson.readEnvelope(json);
        if (!EventTypes.CREDENTIAL_UPDATED.equals(event.type()) || event.environment() != Environment.SANDBOX) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> ledger.ensureSandboxPool(event.partnerId())).replaceWithVoid();
    }
}
