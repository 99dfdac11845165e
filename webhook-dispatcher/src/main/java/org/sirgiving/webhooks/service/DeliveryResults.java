package org.sirgiving.webhooks.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.sirgiving.kernel.crypto.Crypto;
import org.sirgiving.kernel.persistence.UnitOfWork;
import org.sirgiving.webhooks.domain.DeliveryAttempt;
import org.sirgiving.webhooks.domain.DeliveryState;
import org.sirgiving.webhooks.domain.DisabledReason;
import org.sirgiving.webhooks.domain.RetrySchedule;
import org.sirgiving.webhooks.domain.WebhookDelivery;
import org.sirgiving.webhooks.domain.WebhookEndpoint;
import org.sirgiving.webhooks.repository.DeliveryStore;
import org.sirgiving.webhooks.repository.WebhookEndpointStore;

/**
 * Records an attempt and moves its delivery on (succeeded, retry later, exhausted), and keeps the endpoint's health:
 * 410 Gone, or no success for 5 days, disables it and ends its open deliveries.
 */
@ApplicationScoped
public class DeliveryResults {
    private final WebhookEndpointStore endpoints;
    private final DeliveryStore deliveries;
    private final UnitOfWork work;
    private final MeterRegistry metrics;
    private final Random random = new SecureRandom();

    public DeliveryResults(
            WebhookEndpointStore endpoints, DeliveryStore deliveries, UnitOfWork work, MeterRegistry metrics) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.work = work;
        this.metrics = metrics;
    }

    public Uni<Void> record(Claimed c, AttemptResult r) {
        metrics.counter("sir.webhooks.attempts", "result", r.succeeded() ? "success" : "failure")
                .increment();
        // Endpoint row first, then the delivery: the same lock order as disabling, so the two never deadlock.
        return work.write(() -> endpoints
                .lockById(c.endpointId())
                .onItem()
                .ifNotNull()
                .transformToUni(endpoint -> deliveries
                        .lockById(c.deliveryId())
                        .onItem()
                        .ifNotNull()
                        .transformToUni(d -> record(endpoint, d, c, r)))
                // Null: deleted meanwhile, with its deliveries and attempts.
                .replaceWithVoid());
    }

    private Uni<Void> record(WebhookEndpoint endpoint, WebhookDelivery d, Claimed c, AttemptResult r) {
        Instant now = work.now();
        return deliveries.addAttempt(attempt(c, r, now)).chain(() -> apply(endpoint, d, c, r, now));
    }

    private Uni<Void> apply(WebhookEndpoint endpoint, WebhookDelivery d, Claimed c, AttemptResult r, Instant now) {
        if (!d.leasedTo(c.leaseId())) {
            // The delivery moved on without us (its endpoint was disabled, or the lease expired and it was claimed
            // again): the attempt stays on record, the state is the new owner's.
            return Uni.createFrom().voidItem();
        }
        d.attemptCount = c.attempt();
        if (r.succeeded()) {
            d.succeed(now);
            endpoint.succeeded(now);
            return Uni.createFrom().voidItem();
        }
        endpoint.failed(now);
        if (r.gone()) {
            return disable(endpoint, d, DisabledReason.GONE, now);
        }
        if (RetrySchedule.failingTooLong(endpoint.firstFailureAt, now)) {
            return disable(endpoint, d, DisabledReason.FAILING, now);
        }
        Optional<Duration> delay = RetrySchedule.delayAfter(c.attempt(), r.retryAfter(), random.nextDouble());
        if (delay.isEmpty()) {
            d.end(DeliveryState.EXHAUSTED, r.describe(), now);
        } else {
            d.retry(r.describe(), now.plus(delay.get()), now);
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> disable(WebhookEndpoint endpoint, WebhookDelivery d, DisabledReason reason, Instant now) {
        endpoint.disable(reason, now);
        d.end(DeliveryState.FAILED, reason.text(), now);
        return deliveries.endOpen(endpoint.id, reason.endedDeliveryError(), now).replaceWithVoid();
    }

    private static DeliveryAttempt attempt(Claimed c, AttemptResult r, Instant now) {
        DeliveryAttempt a = new DeliveryAttempt();
        a.id = "att_" + Crypto.randomHex(12);
        a.deliveryId = c.deliveryId();
        a.attempt = c.attempt();
        a.statusCode = r.statusCode();
        a.latencyMs = r.latencyMs();
        a.responseExcerpt = r.responseExcerpt();
        a.error = r.error();
        a.attemptedAt = now.minusMillis(r.latencyMs()); // when it was sent
        return a;
    }
}
