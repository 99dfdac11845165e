package org.sirgiving.keys.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.hibernate.annotations.DynamicUpdate;
import org.sirgiving.events.Feature;
import org.sirgiving.events.PartnerStatus;

/** A partner: its status, tier and limits, linked to the user who created it (docs/partner-api.md section 2). */
@Entity
@Table(name = "partners")
@DynamicUpdate
public class Partner extends PanacheEntityBase {
    @Id
    public String id;

    @Column(name = "owner_subject", nullable = false)
    public String ownerSubject;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String slug;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PartnerStatus status;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Tier tier;

    @Column(name = "rate_limit", nullable = false)
    public int rateLimit;
    /** Comma-separated {@link Feature} names. */
    @Column(name = "enabled_features", nullable = false)
    public String enabledFeatures;

    @Column(name = "contact_email")
    public String contactEmail;
    /** Comma-separated addresses; empty means any. */
    @Column(name = "ip_allowlist", nullable = false)
    public String ipAllowlist;

    @Column(name = "production_approved", nullable = false)
    public boolean productionApproved;

    @Column(name = "webhook_url")
    public String webhookUrl;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Production keys need an approved request and a partner in good standing. */
    public boolean mayUseProduction() {
        return productionApproved && status == PartnerStatus.ACTIVE;
    }

    /**
     * An approved production request: ACTIVE (unless suspended, which only an operator lifts) with the tier, its
     * default rate limit unless one is given, and the request's contact and webhook.
     */
    public void approveForProduction(Tier tier, Integer rateLimit, ProductionRequest request, Instant now) {
        productionApproved = true;
        if (!isSuspended()) {
            status = PartnerStatus.ACTIVE;
        }
        this.tier = tier;
        this.rateLimit = rateLimit != null ? rateLimit : tier.defaultRateLimit();
        contactEmail = request.contactEmail;
        webhookUrl = request.webhookUrl;
        updatedAt = now;
    }

    public boolean isSuspended() {
        return status == PartnerStatus.SUSPENDED;
    }

    public List<Feature> features() {
        return Feature.parse(split(enabledFeatures));
    }

    /** Enables exactly these features. */
    public void enableOnly(Collection<Feature> features) {
        enabledFeatures = Feature.join(features);
    }

    public List<String> allowedIps() {
        return split(ipAllowlist);
    }

    private static List<String> split(String csv) {
        return csv == null || csv.isBlank()
                ? List.of()
                : Arrays.stream(csv.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList();
    }
}
