package org.sirgiving.webhooks.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.sirgiving.kernel.crypto.Crypto;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.errors.ErrorCode;
import org.sirgiving.kernel.http.Page;
import org.sirgiving.kernel.idempotency.IdempotentCreates;
import org.sirgiving.kernel.idempotency.IdempotentResult;
import org.sirgiving.kernel.persistence.UnitOfWork;
import org.sirgiving.partnerauth.auth.AuthenticatedPartner;
import org.sirgiving.partnerauth.signing.SecretSealer;
import org.sirgiving.webhooks.domain.DisabledReason;
import org.sirgiving.webhooks.domain.WebhookDelivery;
import org.sirgiving.webhooks.domain.WebhookEndpoint;
import org.sirgiving.webhooks.repository.DeliveryStore;
import org.sirgiving.webhooks.repository.WebhookEndpointStore;

/** A partner's endpoints and their deliveries, always scoped by (partner, environment): anything else is 404. */
@ApplicationScoped
public class EndpointService {
    private final WebhookEndpointStore endpoints;
    private final DeliveryStore deliveries;
    private final DeliveryQueue queue;
    private final SecretSealer sealer;
    private final TargetPolicy targets;
    private final UnitOfWork work;
    private final IdempotentCreates creates;
    private final Duration rotationOverlap;

    public EndpointService(
            WebhookEndpointStore endpoints,
            DeliveryStore deliveries,
            DeliveryQueue queue,
            SecretSealer sealer,
            TargetPolicy targets,
            UnitOfWork work,
            IdempotentCreates creates,
            WebhookConfig config) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.queue = queue;
        this.sealer = sealer;
        this.targets = targets;
        this.work = work;
        this.creates = creates;
        this.rotationOverlap = config.secretRotationOverlap();
    }

    /**
     * Registers an endpoint, under the one rule for creates ({@link IdempotentCreates}): the same key and request
     * again answer the endpoint made first, with its secret; another request under the key is refused. The target is
     * checked first, outside the transaction: resolving a host may take seconds.
     */
    public Uni<IdempotentResult<IssuedEndpoint>> create(AuthenticatedPartner p, CreateEndpoint c) {
        return checkTarget(c.url())
                .chain(() -> creates.create(
                        c.idempotencyKey(),
                        c.requestFingerprint(),
                        IdempotentCreates.Create.replayable(
                                key -> findByKey(p, key), prior -> prior.endpoint().requestHash, () -> insert(p, c))));
    }

    /** The endpoint created earlier under this key, with its secret as the first answer had it; null if none. */
    private Uni<IssuedEndpoint> findByKey(AuthenticatedPartner partner, String idempotencyKey) {
        return endpoints
                .findByIdempotencyKey(partner.partnerId(), partner.environment(), idempotencyKey)
                .onItem()
                .ifNotNull()
                .transform(e -> new IssuedEndpoint(e, sealer.open(e.secretSealed)));
    }

    private Uni<IssuedEndpoint> insert(AuthenticatedPartner partner, CreateEndpoint command) {
        String secret = newSecret();
        return endpoints.insert(newEndpoint(partner, command, secret)).map(e -> new IssuedEndpoint(e, secret));
    }

    /** A page of the partner's endpoints, oldest first. */
    public Uni<Page<WebhookEndpoint>> list(AuthenticatedPartner p, Page.Request paging) {
        return work.read(() -> endpoints
                .pageOwned(p.partnerId(), p.environment(), paging.index(), paging.limit())
                .chain(list ->
                        endpoints.countOwned(p.partnerId(), p.environment()).map(total -> paging.of(list, total))));
    }

    public Uni<WebhookEndpoint> get(AuthenticatedPartner p, String id) {
        return work.read(() -> findOwned(p, id));
    }

    public Uni<WebhookEndpoint> update(AuthenticatedPartner p, String id, UpdateEndpoint c) {
        Uni<Void> check = c.url() == null ? Uni.createFrom().voidItem() : checkTarget(c.url());
        return check.chain(() -> work.write(() -> lockOwned(p, id).chain(e -> apply(e, c))));
    }

    private Uni<WebhookEndpoint> apply(WebhookEndpoint e, UpdateEndpoint c) {
        Instant now = work.now();
        if (c.url() != null) {
            e.url = c.url().trim();
        }
        if (c.description() != null) {
            e.description = emptyToNull(c.description());
        }
        if (c.eventTypes() != null) {
            e.eventTypeList(c.eventTypes());
        }
        if (c.receiveAllEvents() != null) {
            e.receiveAllEvents = c.receiveAllEvents();
        }
        if (c.headers() != null) {
            e.headerMap(c.headers());
        }
        if (!e.subscribesToSomething()) {
            throw ApiException.validation("eventTypes", WebhookEndpoint.MUST_SUBSCRIBE);
        }
        e.updatedAt = now;
        if (Boolean.FALSE.equals(c.active()) && e.active) {
            e.disable(DisabledReason.BY_PARTNER, now);
            return deliveries
                    .endOpen(e.id, DisabledReason.BY_PARTNER.endedDeliveryError(), now)
                    .replaceWith(e);
        }
        if (Boolean.TRUE.equals(c.active()) && !e.active) {
            e.enable(now);
        }
        return Uni.createFrom().item(e);
    }

    /** Deletes the endpoint with its deliveries and attempts. */
    public Uni<Void> delete(AuthenticatedPartner p, String id) {
        return work.write(() -> lockOwned(p, id).chain(endpoints::delete));
    }

    /**
     * A new secret, signing from the next attempt on; the replaced one keeps signing beside it for the configured
     * overlap (docs/partner-api.md "Secret rotation").
     */
    public Uni<IssuedEndpoint> rotateSecret(AuthenticatedPartner p, String id) {
        return work.write(() -> lockOwned(p, id).map(e -> {
            String secret = newSecret();
            e.rotateSecret(sealer.seal(secret), work.now(), rotationOverlap);
            return new IssuedEndpoint(e, secret, e.previousSecretExpiresAt);
        }));
    }

    /**
     * The secret of an endpoint SIR Giving set up (a production approval's), shown once (docs/partner-api.md section
     * 6): the row is locked, so of two concurrent calls one gets it and the other 409, as does every later call. A
     * secret already shown (at creation, rotation or an earlier reveal) is never shown again: rotate-secret issues a new
     * one.
     */
    public Uni<IssuedEndpoint> revealSecret(AuthenticatedPartner p, String id) {
        return work.write(() -> lockOwned(p, id).map(e -> {
            if (e.secretRevealed) {
                throw new ApiException(
                        ErrorCode.CONFLICT,
                        "The secret of this endpoint was already shown; rotate-secret issues a new one");
            }
            e.secretRevealed = true;
            e.updatedAt = work.now();
            return new IssuedEndpoint(e, sealer.open(e.secretSealed));
        }));
    }

    /** Queues a {@code webhook.test} event to this endpoint only. */
    public Uni<WebhookDelivery> sendTest(AuthenticatedPartner p, String id) {
        return work.write(() -> lockOwned(p, id).chain(e -> {
            if (!e.active) {
                throw disabledConflict();
            }
            return queue.enqueueTest(e);
        }));
    }

    /** Deliveries newest first ({@code page} is 1-based), each with its attempts in order. */
    public Uni<DeliveryPage> deliveries(AuthenticatedPartner p, String endpointId, int page, int limit) {
        return work.read(() -> findOwned(p, endpointId)
                .chain(e -> deliveries.pageOf(e.id, page, limit))
                .chain(list -> deliveries
                        .countOf(endpointId)
                        .chain(total -> deliveries
                                .attemptsOf(list.stream().map(d -> d.id).toList())
                                .map(attempts -> new DeliveryPage(list, attempts, total)))));
    }

    /** Queues a failed or exhausted delivery again, due now, with a new sequence of attempts. */
    public Uni<WebhookDelivery> redeliver(AuthenticatedPartner p, String deliveryId) {
        return work.write(() -> deliveries
                .lockOwned(deliveryId, p.partnerId(), p.environment())
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("Webhook delivery"))
                .chain(d -> endpoints.findById(d.endpointId).map(e -> redeliver(e, d))));
    }

    private WebhookDelivery redeliver(WebhookEndpoint e, WebhookDelivery d) {
        if (e == null || !e.active) {
            throw disabledConflict();
        }
        if (!d.state.redeliverable()) {
            throw new ApiException(
                    ErrorCode.CONFLICT,
                    "Only a FAILED or EXHAUSTED delivery can be redelivered; this one is " + d.state.name());
        }
        d.redeliver(work.now());
        return d;
    }

    /** {@link TargetPolicy} at registration: a refused target is a validation error on {@code url}. */
    private Uni<Void> checkTarget(String url) {
        return targets.resolve(URI.create(url.trim()).getHost())
                .onFailure(TargetPolicy.Refused.class)
                .transform(e -> ApiException.validation("url", e.getMessage()))
                .replaceWithVoid();
    }

    private Uni<WebhookEndpoint> findOwned(AuthenticatedPartner p, String id) {
        return endpoints
                .findOwned(id, p.partnerId(), p.environment())
                .onItem()
                .ifNull()
                .failWith(EndpointService::notFound);
    }

    private Uni<WebhookEndpoint> lockOwned(AuthenticatedPartner p, String id) {
        return endpoints
                .lockOwned(id, p.partnerId(), p.environment())
                .onItem()
                .ifNull()
                .failWith(EndpointService::notFound);
    }

    private WebhookEndpoint newEndpoint(AuthenticatedPartner p, CreateEndpoint c, String secret) {
        Instant now = work.now();
        WebhookEndpoint e = new WebhookEndpoint();
        e.id = "whk_" + Crypto.randomHex(12);
        e.partnerId = p.partnerId();
        e.environment = p.environment().wireName();
        e.url = c.url().trim();
        e.description = emptyToNull(c.description());
        e.eventTypeList(c.eventTypes());
        e.receiveAllEvents = c.receiveAllEvents();
        e.headerMap(c.headers());
        e.secretSealed = sealer.seal(secret);
        // The create answer shows it.
        e.secretRevealed = true;
        e.active = true;
        e.idempotencyKey = c.idempotencyKey();
        e.requestHash = c.requestFingerprint();
        e.createdAt = now;
        e.updatedAt = now;
        return e;
    }

    /** An empty description is none. */
    private static String emptyToNull(String description) {
        return description == null || description.isEmpty() ? null : description;
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
