package org.sirgiving.rewards.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.sirgiving.events.Environment;
import org.sirgiving.events.payload.CredentialData;
import org.sirgiving.events.payload.ProductionApproved;
import org.sirgiving.kernel.persistence.UnitOfWork;
import org.sirgiving.rewards.repository.PartnerApprovalStore;

/**
 * What keys-service publishes about a partner: from its credentials, the partner's production approval (kept for the
 * operators' production pools; the newest record version wins) and, for a sandbox key, the partner's sandbox pool,
 * provisioned at once so that reward flows can be tried; from its approved production request, the production pool.
 */
@ApplicationScoped
public class PartnerProvisioning {
    private static final Logger LOG = Logger.getLogger(PartnerProvisioning.class);

    private final UnitOfWork tx;
    private final PartnerApprovalStore approvals;
    private final PoolLedger ledger;

    public PartnerProvisioning(UnitOfWork tx, PartnerApprovalStore approvals, PoolLedger ledger) {
        this.tx = tx;
        this.approvals = approvals;
        this.ledger = ledger;
    }

    /**
     * An approved production request: the partner's production pool, created with the approval's allocation as its
     * first ledger entry, in a transaction of its own. Once per partner: when the pool exists (this approval seen
     * before, or an operator created it by hand in between) nothing changes; tokens beyond the first allocation are
     * the operators' allocations.
     */
    public Uni<Void> productionApproved(String partnerId, ProductionApproved approval) {
        String reference = "production approval " + approval.requestId() + " by " + approval.approvedBy();
        return tx.write(() -> ledger.createPool(
                                partnerId, Environment.PRODUCTION, approval.productionPoolAllocation(), reference)
                        .invoke(created -> {
                            if (created == null) {
                                LOG.infof(
                                        "Production approval %s of partner %s: the production pool exists already",
                                        approval.requestId(), partnerId);
                            }
                        }))
                .replaceWithVoid();
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
