package org.sirgiving.rewards.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventJson;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.payload.CredentialData;
import org.sirgiving.kernel.messaging.RecordProcessing;
import org.sirgiving.rewards.service.PartnerProvisioning;

/**
 * Credential records tell this service two things: a partner's first sandbox key provisions its sandbox pool (so that
 * reward flows can be tried at once), and every record carries the partner's production approval, kept in
 * {@code partner_approvals} for the operators' production pools (the newest record version wins).
 */
@ApplicationScoped
public class PoolProvisioningConsumer {
    private final PartnerProvisioning provisioning;

    public PoolProvisioningConsumer(PartnerProvisioning provisioning) {
        this.provisioning = provisioning;
    }

    @Incoming("pool-provisioning")
    public Uni<Void> onCredential(String json) {
        EventEnvelope event = EventJson.readEnvelope(json);
        if (!EventTypes.CREDENTIAL_UPDATED.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        CredentialData c = event.dataAs(CredentialData.class);
        return RecordProcessing.retryWhileTransient(
                () -> provisioning.credentialUpdated(event.partnerId(), event.environment(), c));
    }
}
