package org.sirgiving.webhooks.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import org.sirgiving.events.Environment;
import org.sirgiving.webhooks.domain.WebhookEndpoint;

/**
 * Every query of {@code webhook_endpoints}. A partner's endpoints are always looked up in its (partner, environment)
 * scope; the delivery loop alone reads them by id.
 */
@ApplicationScoped
public class WebhookEndpointStore {
    private static final String OWNED = "id = ?1 and partnerId = ?2 and environment = ?3";

    public Uni<WebhookEndpoint> findOwned(String id, String partnerId, Environment environment) {
        return WebhookEndpoint.find(OWNED, id, partnerId, environment.wireName())
                .firstResult();
    }

    /** The partner's endpoint locked for update: its changes and its deliveries' bookkeeping take turns. */
    public Uni<WebhookEndpoint> lockOwned(String id, String partnerId, Environment environment) {
        return WebhookEndpoint.find(OWNED, id, partnerId, environment.wireName())
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }

    /** The row locked for update: serializes the health bookkeeping of concurrent attempts to one endpoint. */
    public Uni<WebhookEndpoint> lockById(String id) {
        return WebhookEndpoint.findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Uni<WebhookEndpoint> findById(String id) {
        return WebhookEndpoint.findById(id);
    }

    public Uni<List<WebhookEndpoint>> findAll(Collection<String> ids) {
        return WebhookEndpoint.list("id in ?1", ids);
    }

    public Uni<List<WebhookEndpoint>> listOwned(String partnerId, Environment environment) {
        return WebhookEndpoint.list(
                "partnerId = ?1 and environment = ?2 order by createdAt, id", partnerId, environment.wireName());
    }

    /** One page (0-based {@code pageIndex}) of the (partner, environment)'s endpoints, oldest first. */
    public Uni<List<WebhookEndpoint>> pageOwned(String partnerId, Environment environment, int pageIndex, int size) {
        return WebhookEndpoint.<WebhookEndpoint>find(
                        "partnerId = ?1 and environment = ?2 order by createdAt, id", partnerId, environment.wireName())
                .page(pageIndex, size)
                .list();
    }

    public Uni<Long> countOwned(String partnerId, Environment environment) {
        return WebhookEndpoint.count("partnerId = ?1 and environment = ?2", partnerId, environment.wireName());
    }

    /** The endpoints an event of this (partner, environment) may go to. */
    public Uni<List<WebhookEndpoint>> listActive(String partnerId, Environment environment) {
        return WebhookEndpoint.list(
                "partnerId = ?1 and environment = ?2 and active = true", partnerId, environment.wireName());
    }

    /** The endpoint an earlier create with this {@code Idempotency-Key} made in the scope, or null. */
    public Uni<WebhookEndpoint> findByIdempotencyKey(String partnerId, Environment environment, String key) {
        return WebhookEndpoint.find(
                        "partnerId = ?1 and environment = ?2 and idempotencyKey = ?3",
                        partnerId,
                        environment.wireName(),
                        key)
                .firstResult();
    }

    public Uni<WebhookEndpoint> insert(WebhookEndpoint endpoint) {
        return endpoint.persist();
    }

    /**
     * Inserts an endpoint set up by a production approval unless one exists for its request already; true when this
     * call inserted it. The partial unique index decides, so concurrent or repeated deliveries of one approval make
     * one endpoint.
     */
    public Uni<Boolean> insertProvisioned(WebhookEndpoint e) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "INSERT INTO webhook_endpoints (id, partner_id, environment, url, "
                                        + "description, event_types, receive_all_events, headers, secret_sealed, secret_revealed, "
                                        + "production_request_id, is_active, disabled_reason, disabled_at, created_at, updated_at) "
                                        + "VALUES (:id, :partner, :env, :url, :description, :eventTypes, :all, :headers, :secret, "
                                        + "false, :request, :active, :disabledReason, :disabledAt, :now, :now) "
                                        + "ON CONFLICT (production_request_id) WHERE production_request_id IS NOT NULL DO NOTHING")
                        .setParameter("id", e.id)
                        .setParameter("partner", e.partnerId)
                        .setParameter("env", e.environment)
                        .setParameter("url", e.url)
                        .setParameter("description", e.description)
                        .setParameter("eventTypes", e.eventTypes)
                        .setParameter("all", e.receiveAllEvents)
                        .setParameter("headers", e.headers)
                        .setParameter("secret", e.secretSealed)
                        .setParameter("request", e.productionRequestId)
                        .setParameter("active", e.active)
                        .setParameter("disabledReason", e.disabledReason)
                        .setParameter("disabledAt", e.disabledAt)
                        .setParameter("now", e.createdAt)
                        .executeUpdate())
                .map(n -> n == 1);
    }

    /** Deletes the endpoint with its deliveries and attempts (the schema cascades). */
    public Uni<Void> delete(WebhookEndpoint endpoint) {
        return endpoint.delete();
    }
}
