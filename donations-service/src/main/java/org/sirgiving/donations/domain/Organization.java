package org.sirgiving.donations.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** A nonprofit of the directory. Mapping and pure rules only; queries are in {@code repository.OrganizationStore}. */
@Entity
@Table(name = "organizations")
public class Organization extends PanacheEntityBase {
    @Id
    public String id;

    @Column(nullable = false)
    public String slug;

    @Column(nullable = false)
    public String name;

    @Column(name = "logo_url")
    public String logoUrl;

    public String ein;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public OrganizationStatus status;

    public String description;

    public String website;

    /** Comma-separated provider wire names (stripe, every.org). */
    @Column(nullable = false)
    public String providers;

    /** Comma-separated ISO 4217 codes. */
    @Column(nullable = false)
    public String currencies;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public List<String> providerList() {
        return split(providers);
    }

    public List<String> currencyList() {
        return split(currencies);
    }

    public boolean active() {
        return status == OrganizationStatus.ACTIVE;
    }

    public static String join(List<String> values) {
        return String.join(",", values);
    }

    private static List<String> split(String csv) {
        return csv == null || csv.isBlank()
                ? List.of()
                : Arrays.stream(csv.split(",")).map(String::trim).toList();
    }
}
