package org.sirgiving.rewards.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * What keys-service last published about a partner on {@code sir.credentials.v1}: production pools are created only
 * for partners whose production request was approved. Written only by the credentials consumer (newest version wins).
 */
@Entity
@Table(name = "partner_approvals")
public class PartnerApproval extends PanacheEntityBase {
    @Id
    @Column(name = "partner_id")
    public String partnerId;

    @Column(name = "production_approved", nullable = false)
    public boolean productionApproved;

    @Column(name = "partner_status")
    public String partnerStatus;

    @Column(nullable = false)
    public long version;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
