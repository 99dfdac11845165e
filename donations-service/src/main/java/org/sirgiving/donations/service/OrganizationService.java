package org.sirgiving.donations.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sirgiving.donations.domain.Organization;
import org.sirgiving.donations.domain.OrganizationStatus;
import org.sirgiving.donations.repository.OrganizationStore;
import org.sirgiving.events.EventJson;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.errors.ErrorCode;
import org.sirgiving.kernel.http.Page;
import org.sirgiving.kernel.persistence.UnitOfWork;

/** The nonprofit directory: partners read it, operators change it (each change audited with its reason). */
@ApplicationScoped
public class OrganizationService {
    private final UnitOfWork work;
    private final OrganizationStore store;

    public OrganizationService(UnitOfWork work, OrganizationStore store) {
        this.work = work;
        this.store = store;
    }

    public Uni<Organization> get(String slug) {
        return work.read(() -> store.findBySlug(slug))
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("Organization"));
    }

    public Uni<Page<Organization>> search(String query, boolean activeOnly, Page.Request paging) {
        return work.read(() -> store.search(query, activeOnly, (int) paging.offset(), paging.limit())
                .chain(rows -> store.count(query, activeOnly).map(total -> paging.of(rows, total))));
    }

    /** 409 CONFLICT when the slug is taken. */
    public Uni<Organization> create(OrganizationChange change, String operator) {
        return work.write(() -> store.findBySlug(change.slug()).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom()
                        .failure(new ApiException(
                                ErrorCode.CONFLICT, "An organization with slug " + change.slug() + " exists"));
            }
            Instant now = work.now();
            Organization o = new Organization();
            o.id = Ids.next("org_");
            o.slug = change.slug();
            o.createdAt = now;
            o.status = OrganizationStatus.ACTIVE;
            o.providers = "stripe,every.org";
            o.currencies = "USD";
            apply(o, change, now);
            return store.persist(o)
                    .call(saved -> audit(saved, operator, "CREATE", change))
                    .replaceWith(o);
        }));
    }

    public Uni<Organization> update(String slug, OrganizationChange change, String operator) {
        return work.write(() -> locked(slug).call(o -> {
            apply(o, change, work.now());
            return audit(o, operator, "UPDATE", change);
        }));
    }

    /** Deactivating again changes nothing and records nothing more. */
    public Uni<Organization> deactivate(String slug, String reason, String operator) {
        return work.write(() -> locked(slug).call(o -> {
            if (o.status == OrganizationStatus.INACTIVE) {
                return Uni.createFrom().voidItem();
            }
            o.status = OrganizationStatus.INACTIVE;
            o.updatedAt = work.now();
            return store.recordDecision(Ids.next("dec_"), o.id, operator, "DEACTIVATE", reason, null, o.updatedAt);
        }));
    }

    private Uni<Organization> locked(String slug) {
        return store.findBySlugForUpdate(slug).onItem().ifNull().failWith(() -> ApiException.notFound("Organization"));
    }

    private Uni<Void> audit(Organization o, String operator, String decision, OrganizationChange change) {
        return store.recordDecision(
                Ids.next("dec_"), o.id, operator, decision, change.reason(), details(change), o.updatedAt);
    }

    private static void apply(Organization o, OrganizationChange c, Instant now) {
        if (c.name() != null) {
            o.name = c.name();
        }
        if (c.logo() != null) {
            o.logoUrl = c.logo();
        }
        if (c.ein() != null) {
            o.ein = c.ein();
        }
        if (c.description() != null) {
            o.description = c.description();
        }
        if (c.website() != null) {
            o.website = c.website();
        }
        if (c.providers() != null) {
            o.providers = Organization.join(c.providers());
        }
        if (c.currencies() != null) {
            o.currencies = Organization.join(c.currencies());
        }
        if (c.status() != null) {
            o.status = OrganizationStatus.valueOf(c.status());
        }
        o.updatedAt = now;
    }

    /** The fields the operator set, for the audit trail. */
    private static String details(OrganizationChange c) {
        Map<String, Object> d = new LinkedHashMap<>();
        put(d, "slug", c.slug());
        put(d, "name", c.name());
        put(d, "logo", c.logo());
        put(d, "ein", c.ein());
        put(d, "description", c.description());
        put(d, "website", c.website());
        put(d, "providers", c.providers());
        put(d, "currencies", c.currencies());
        put(d, "status", c.status());
        return EventJson.write(d);
    }

    private static void put(Map<String, Object> d, String k, Object v) {
        if (v != null) {
            d.put(k, v instanceof List<?> l ? List.copyOf(l) : v);
        }
    }
}
