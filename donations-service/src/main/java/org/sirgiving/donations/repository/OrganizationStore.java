package org.sirgiving.donations.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.sirgiving.donations.domain.Organization;
import org.sirgiving.donations.domain.OrganizationStatus;

/** Every query of {@code organizations} and {@code organization_decisions}. Callers run them in a UnitOfWork. */
@ApplicationScoped
public class OrganizationStore {

    public Uni<Organization> findBySlug(String slug) {
        return Organization.<Organization>find("slug", slug).firstResult();
    }

    public Uni<Organization> findBySlugForUpdate(String slug) {
        return Organization.<Organization>find("slug", slug)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }

    public Uni<Organization> findById(String id) {
        return Organization.findById(id);
    }

    /**
     * Organizations whose name or slug contains {@code query} (any case; blank: all), name order; {@code activeOnly}
     * for the partners' picker.
     */
    public Uni<List<Organization>> search(String query, boolean activeOnly, int offset, int limit) {
        return Organization.<Organization>find(where(activeOnly) + " order by name, slug", params(query, activeOnly))
                .range(offset, offset + limit - 1)
                .list();
    }

    public Uni<Long> count(String query, boolean activeOnly) {
        return Organization.count(where(activeOnly), params(query, activeOnly));
    }

    /** Flushed at once: the audit row that follows references it. */
    public Uni<Organization> persist(Organization organization) {
        return organization.persistAndFlush();
    }

    /** One operator decision on an organization, with who and why (the audit trail). */
    public Uni<Void> recordDecision(
            String id,
            String organizationId,
            String operator,
            String decision,
            String reason,
            String details,
            Instant at) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("INSERT INTO organization_decisions (id, organization_id,"
                                + " operator_subject, decision, reason, details, created_at)"
                                + " VALUES (:id, :org, :op, :decision, :reason, :details, :at)")
                        .setParameter("id", id)
                        .setParameter("org", organizationId)
                        .setParameter("op", operator)
                        .setParameter("decision", decision)
                        .setParameter("reason", reason)
                        .setParameter("details", details)
                        .setParameter("at", at)
                        .executeUpdate())
                .replaceWithVoid();
    }

    private static String where(boolean activeOnly) {
        String match = "(lower(name) like :q or slug like :q)";
        return activeOnly ? match + " and status = :active" : match;
    }

    private static java.util.Map<String, Object> params(String query, boolean activeOnly) {
        String q = query == null ? "" : query.trim().toLowerCase(Locale.ROOT);
        // LIKE's own wildcards in a query are literal characters.
        String escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        java.util.Map<String, Object> p = new java.util.HashMap<>();
        p.put("q", "%" + escaped + "%");
        if (activeOnly) {
            p.put("active", OrganizationStatus.ACTIVE);
        }
        return p;
    }
}
