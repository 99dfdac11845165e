package org.sirgiving.webhooks.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.sirgiving.kernel.crypto.Crypto;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.errors.ConstraintViolations;
import org.sirgiving.kernel.errors.ErrorCode;
import org.sirgiving.partnerauth.auth.AuthenticatedPartner;
import org.sirgiving.partnerauth.signing.SecretSealer;
import org.sirgiving.webhooks.api.SubscribesToEvents;
import org.sirgiving.webhooks.api.WebhookDtos.CreateEndpointRequest;
import org.sirgiving.webhooks.api.WebhookDtos.UpdateEndpointRequest;
import org.sirgiving.webhooks.domain.DeliveryAttempt;
import org.sirgiving.webhooks.domain.WebhookDelivery;
import org.sirgiving.webhooks.domain.WebhookEndpoint;

/** A partner's endpoints and their deliveries, always scoped by (partner, environment): anything else is 404. */
@ApplicationScoped
public class EndpointService {
    /** Two creates with the same new Idempotency-Key at once: the second hits this unique constraint. */
    private static final String IDEMPOTENCY_CONSTRAINT = "webhook_endpoints_idempotency";

    public record Issued(WebhookEndpoint endpoint, String secret, boolean replayed) {}

    public record DeliveryPage(
            List<WebhookDelivery> deliveries, Map<String, List<DeliveryAttempt>> attempts, long total) {}

    private final SecretSealer sealer;
    private final TargetPolicy targets;
    private final DeliveryQueue queue;
    private final Clock clock;

    public EndpointService(SecretSealer sealer, TargetPolicy targets, DeliveryQueue queue, Clock clock) {
        this.sealer = sealer;
        this.targets = targets;
        this.queue = queue;
        this.clock = clock;
    }

    /**
     * Registers an endpoint. With an {@code Idempotency-Key}, the same request again answers the endpoint it created
     * (with its secret); a different request under the same key is refused.
     */
    public Uni<Issued> create(
            AuthenticatedPartner p, CreateEndpointRequest r, String idempotencyKey, String requestHash) {
        return checkTarget(r.url())
                .chain(() -> Panache.withTransaction(() -> (idempotencyKey == null
                                ? Uni.createFrom().<WebhookEndpoint>nullItem()
                                : WebhookEndpoint.findByIdempotencyKey(p.partnerId(), p.environment(), idempotencyKey))
                        .chain(existing -> {
                            if (existing != null) {
                                if (!existing.requestHash.equals(requestHash)) {
                                    throw ApiException.keyReused();
                                }
                                return Uni.createFrom()
                                        .item(new Issued(existing, sealer.open(existing.secretSealed), true));
                            }
                            String secret = newSecret();
                            WebhookEndpoint e = newEndpoint(p, r, secret, idempotencyKey, requestHash);
                            return e.<WebhookEndpoint>persist().map(saved -> new Issued(saved, secret, false));
                        })))
                .onFailure(e -> ConstraintViolations.violates(e, IDEMPOTENCY_CONSTRAINT))
                .transform(e -> new ApiException(
                                ErrorCode.IDEMPOTENCY_IN_PROGRESS,
                                "A request with this Idempotency-Key is still being handled")
                        .withHeader("Retry-After", "1"));
    }

    @WithSession
    public Uni<List<WebhookEndpoint>> list(AuthenticatedPartner p) {
        return WebhookEndpoint.listOwned(p.partnerId(), p.environment());
    }

    @WithSession
    public Uni<WebhookEndpoint> get(AuthenticatedPartner p, String id) {
        return WebhookEndpoint.findOwned(id, p.partnerId(), p.environment())
                .onItem()
                .ifNull()
                .failWith(EndpointService::notFound);
    }

    public Uni<WebhookEndpoint> update(AuthenticatedPartner p, String id, UpdateEndpointRequest r) {
        Uni<Void> check =
                r.url() != null ? checkTarget(r.url()) : Uni.createFrom().voidItem();
        return check.chain(() -> Panache.withTransaction(() -> lockOwned(p, id).chain(e -> {
            Instant now = clock.instant();
            if (r.url() != null) {
                e.url = r.url().trim();
            }
            if (r.description() != null) {
                e.description = r.description().isEmpty() ? null : r.description();
            }
            if (r.eventTypes() != null) {
                e.eventTypeList(r.eventTypes());
            }
            if (r.receiveAllEvents() != null) {
                e.receiveAllEvents = r.receiveAllEvents();
            }
            if (r.headers() != null) {
                e.headerMap(r.headers());
            }
            if (!e.receiveAllEvents && e.eventTypeList().isEmpty()) {
                throw ApiException.validation("eventTypes", SubscribesToEvents.MESSAGE);
            }
            e.updatedAt = now;
            if (Boolean.FALSE.equals(r.isActive()) && e.active) {
                e.disable("Disabled by the partner", now);
                return WebhookDelivery.endOpen(e.id, "The endpoint was disabled by the partner", now)
                        .replaceWith(e);
            }
            if (Boolean.TRUE.equals(r.isActive()) && !e.active) {
                e.enable(now);
            }
            return Uni.createFrom().item(e);
        })));
    }

    /** Deletes the endpoint with its deliveries and attempts (the schema cascades). */
    public Uni<Void> delete(AuthenticatedPartner p, String id) {
        return Panache.withTransaction(() -> lockOwned(p, id).chain(WebhookEndpoint::delete));
    }

    /** A new secret, effective for the next attempt; the old one stops signing at once. */
    public Uni<Issued> rotateSecret(AuthenticatedPartner p, String id) {
        return Panache.withTransaction(() -> lockOwned(p, id).map(e -> {
            String secret = newSecret();
            e.secretSealed = sealer.seal(secret);
            e.updatedAt = clock.instant();
            return new Issued(e, secret, false);
        }));
    }

    public Uni<WebhookDelivery> sendTest(AuthenticatedPartner p, String id) {
        return Panache.withTransaction(() -> lockOwned(p, id).chain(e -> {
            if (!e.active) {
                throw disabledConflict();
            }
            return queue.enqueueTest(e);
        }));
    }

    /** Deliveries newest first, each with its attempts in order. */
    @WithSession
    public Uni<DeliveryPage> deliveries(AuthenticatedPartner p, String endpointId, int page, int limit) {
        return WebhookEndpoint.findOwned(endpointId, p.partnerId(), p.environment())
                .onItem()
                .ifNull()
                .failWith(EndpointService::notFound)
                .chain(e -> {
                    var query = WebhookDelivery.<WebhookDelivery>find(
                            "endpointId = ?1 order by createdAt desc, id desc", e.id);
                    return query.page(page - 1, limit)
                            .list()
                            .chain(deliveries -> query.count().chain(total -> {
                                if (deliveries.isEmpty()) {
                                    return Uni.createFrom().item(new DeliveryPage(deliveries, Map.of(), total));
                                }
                                return DeliveryAttempt.<DeliveryAttempt>list(
                                                "deliveryId in ?1 order by attemptedAt, id",
                                                deliveries.stream()
                                                        .map(d -> d.id)
                                                        .toList())
                                        .map(attempts -> new DeliveryPage(
                                                deliveries,
                                                attempts.stream().collect(Collectors.groupingBy(a -> a.deliveryId)),
                                                total));
                            }));
                });
    }

    /** Queues a failed or exhausted delivery again, due now, with a new sequence of attempts. */
    public Uni<WebhookDelivery> redeliver(AuthenticatedPartner p, String deliveryId) {
        return Panache.withTransaction(() -> WebhookDelivery.lockOwned(deliveryId, p.partnerId(), p.environment())
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("Webhook delivery"))
                .chain(d -> WebhookEndpoint.<WebhookEndpoint>findById(d.endpointId)
                        .map(e -> {
                            if (e == null || !e.active) {
                                throw disabledConflict();
                            }
                            if (!d.state.redeliverable()) {
                                throw new ApiException(
                                        ErrorCode.CONFLICT,
                                        "Only a FAILED or EXHAUSTED delivery can be redelivered; this one is "
                                                + d.state.name());
                            }
                            Instant now = clock.instant();
                            d.attemptCount = 0;
                            d.lastError = null;
                            d.schedule(now);
                            d.updatedAt = now;
                            return d;
                        })));
    }

    private Uni<Void> checkTarget(String url) {
        return targets.resolve(URI.create(url.trim()).getHost())
                .onFailure(TargetPolicy.Refused.class)
                .transform(e -> ApiException.validation("url", e.getMessage()))
                .replaceWithVoid();
    }

    private static Uni<WebhookEndpoint> lockOwned(AuthenticatedPartner p, String id) {
        return WebhookEndpoint.<WebhookEndpoint>find(
                        "id = ?1 and partnerId = ?2 and environment = ?3",
                        id,
                        p.partnerId(),
                        p.environment().wireName())
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult()
                .onItem()
                .ifNull()
                .failWith(EndpointService::notFound);
    }

    private WebhookEndpoint newEndpoint(
            AuthenticatedPartner p, CreateEndpointRequest r, String secret, String idempotencyKey, String requestHash) {
        Instant now = clock.instant();
        WebhookEndpoint e = new WebhookEndpoint();
        e.id = "whk_" + Crypto.randomHex(12);
        e.partnerId = p.partnerId();
        e.environment = p.environment().wireName();
        e.url = r.url().trim();
        e.description = r.description() == null || r.description().isEmpty() ? null : r.description();
        e.eventTypeList(r.eventTypes());
        e.receiveAllEvents = Boolean.TRUE.equals(r.receiveAllEvents());
        e.headerMap(r.headers());
        e.secretSealed = sealer.seal(secret);
        e.active = true;
        e.idempotencyKey = idempotencyKey;
        e.requestHash = requestHash;
        e.createdAt = now;
        e.updatedAt = now;
        return e;
    }

    static String newSecret() {
        return "whsec_" + Crypto.randomHex(32);
    }

    private static ApiException notFound() {
        return ApiException.notFound("Webhook endpoint");
    }

    private static ApiException disabledConflict() {
        return new ApiException(ErrorCode.CONFLICT, "The endpoint is disabled; enable it first (PATCH isActive: true)");
    }
}
