package org.sirgiving.rewards.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.sirgiving.events.Environment;
import org.sirgiving.events.payload.CredentialData;
import org.sirgiving.kernel.persistence.UnitOfWork;
import org.sirgiving.rewards.repository.PartnerApprovalStore;

/**
 * What keys-service publishes about a partner's credentials: the partner's production approval (kept for the
 * operators' production pools; the newest record version wins), and, for a sandbox key, the partner's sandbox pool,
 * provisioned at once so that reward flows can be tried.
 */
@ApplicationScoped
public class PartnerProvisioning {
    private final UnitOfWork tx;
    private final PartnerApprovalStore approvals;
    private final PoolLedger ledger;

    public PartnerProvisioning(UnitOfWork tx, PartnerApprovalStore approvals, PoolLedger ledger) {
        this.tx = tx;
        this.approvals = approvals;
        this.ledger = ledger;
    }

    /** One credential record of the partner's {@code env}, in a transaction of its own. */
    public Uni<Void> credentialUpdated(String partnerId, Environment env, CredentialData c) {
        return tx.write(() -> approvals
                .recordIfNewer(partnerId, c.productionApproved(), c.partnerStatus(), c.version(), tx.now())
                .chain(() -> env == Environment.SANDBOX
                        ? ledger.ensureSandboxPool(partnerId).replaceWithVoid()
                        : Uni.createFrom().voidItem()));
    }
}
