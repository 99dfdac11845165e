package org.sirgiving.rewards.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.sirgiving.rewards.domain.PartnerApproval;

/** Every query of {@code partner_approvals}: what keys-service last published about each partner. */
@ApplicationScoped
public class PartnerApprovalStore {

    /** The partner's approval as last published, or null when keys-service never published one. */
    public Uni<PartnerApproval> findById(String partnerId) {
        return PartnerApproval.findById(partnerId);
    }

    /** Upserts the partner's approval unless the row already holds this or a newer record {@code version}. */
    public Uni<Void> recordIfNewer(
            String partnerId, boolean productionApproved, String partnerStatus, long version, Instant now) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "INSERT INTO partner_approvals (partner_id, production_approved, partner_status, version, updated_at) "
                                        + "VALUES (:p, :approved, :status, :version, :now) ON CONFLICT (partner_id) DO UPDATE SET "
                                        + "production_approved = EXCLUDED.production_approved, partner_status = EXCLUDED.partner_status, "
                                        + "version = EXCLUDED.version, updated_at = EXCLUDED.updated_at "
                                        + "WHERE partner_approvals.version < EXCLUDED.version")
                        .setParameter("p", partnerId)
                        .setParameter("approved", productionApproved)
                        .setParameter("status", partnerStatus)
                        .setParameter("version", version)
                        .setParameter("now", now)
                        .executeUpdate())
                .replaceWithVoid();
    }
}
