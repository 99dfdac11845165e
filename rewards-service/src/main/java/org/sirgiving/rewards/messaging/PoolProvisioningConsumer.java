package org.sirgiving.rewards.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.sirgiving.events.Environment;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventJson;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.payload.CredentialData;
import org.sirgiving.kernel.messaging.RecordProcessing;
import org.sirgiving.rewards.service.PoolLedger;

/**
 * Credential records tell this service two things: a partner's first sandbox key provisions its sandbox pool (so that
 * reward flows can be tried at once), and every record carries the partner's production approval, kept in
 * {@code partner_approvals} for the operators' production pools (the newest record version wins).
 */
@ApplicationScoped
public class PoolProvisioningConsumer {
    private final PoolLedger ledger;

    public PoolProvisioningConsumer(PoolLedger ledger) {
        this.ledger = ledger;
    }

    @Incoming("pool-provisioning")
    public Uni<Void> onCredential(String json) {
        EventEnvelope event = EventJson.readEnvelope(json);
        if (!EventTypes.CREDENTIAL_UPDATED.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        CredentialData c = event.dataAs(CredentialData.class);
        return RecordProcessing.retryWhileTransient(() ->
                Panache.withTransaction(() -> recordApproval(event.partnerId(), c)
                        .chain(() -> event.environment() == Environment.SANDBOX
                                ? ledger.ensureSandboxPool(event.partnerId()).replaceWithVoid()
                                : Uni.createFrom().voidItem())));
    }

    private static Uni<Void> recordApproval(String partnerId, CredentialData c) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "INSERT INTO partner_approvals (partner_id, production_approved, partner_status, version, updated_at) "
                                        + "VALUES (:p, :approved, :status, :version, :now) ON CONFLICT (partner_id) DO UPDATE SET "
                                        + "production_approved = EXCLUDED.production_approved, partner_status = EXCLUDED.partner_status, "
                                        + "version = EXCLUDED.version, updated_at = EXCLUDED.updated_at "
                                        + "WHERE partner_approvals.version < EXCLUDED.version")
                        .setParameter("p", partnerId)
                        .setParameter("approved", c.productionApproved())
                        .setParameter("status", c.partnerStatus())
                        .setParameter("version", c.version())
                        .setParameter("now", Instant.now())
                        .executeUpdate())
                .replaceWithVoid();
    }
}
