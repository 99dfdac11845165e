package org.sirgiving.keys.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

@Entity
@Table(name = "partners")
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
    /** Comma-separated feature names. */
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
    @Column(name = "tip_enabled", nullable = false)
    public boolean tipEnabled;
    @Column(name = "tip_default_percent", nullable = false)
    public int tipDefaultPercent;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static Uni<Partner> findByOwner(String subject) {
        return find("ownerSubject", subject).firstResult();
    }

    public List<String> features() {
        return split(enabledFeatures);
    }

    public List<String> allowedIps() {
        return split(ipAllowlist);
    }

    private static List<String> split(String csv) {
        return csv == null || csv.isBlank() ? List.of() : Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
