package org.sirgiving.keys.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

@Entity
@Table(name = "partners")
@org.hibernate.annotations.DynamicUpdate
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

    /**
     * For a transaction that changes the partner or any of its keys: the row stays locked until it ends, so that
     * changes to one partner are decided (and their credential versions taken) one after the other, each on the
     * state the previous one committed. A suspension can then never be undone by a concurrent edit.
     */
    public static Uni<Partner> findByOwnerForUpdate(String subject) {
        return find("ownerSubject", subject)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }

    public static Uni<Partner> lockById(String id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public List<String> features() {
        return split(enabledFeatures);
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
