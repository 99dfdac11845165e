package org.sirgiving.webhooks.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.sirgiving.kernel.crypto.Crypto;
import org.sirgiving.webhooks.domain.DeliveryAttempt;
import org.sirgiving.webhooks.domain.DeliveryState;
import org.sirgiving.webhooks.domain.RetrySchedule;
import org.sirgiving.webhooks.domain.WebhookDelivery;
import org.sirgiving.webhooks.domain.WebhookEndpoint;

/**
 * Records an attempt and moves its delivery on (succeeded, retry later, exhausted), and keeps the endpoint's health:
 * 410 Gone, or no success for 5 days, disables it and ends its open deliveries.
 */
@ApplicationScoped
public class DeliveryResults {
    static final String GONE = "The endpoint answered 410 Gone";
    static final String FAILING = "No successful delivery for 5 days";

    private final Clock clock;
    private final MeterRegistry metrics;
    private final Random random = new SecureRandom();

    public DeliveryResults(Clock clock, MeterRegistry metrics) {
        this.clock = clock;
        this.metrics = metrics;
    }

    public Uni<Void> record(Claimed c, AttemptResult r) {
        Instant now = clock.instant();
        metrics.counter("sir.webhooks.attempts", "result", r.succeeded() ? "success" : "failure")
                .increment();
        // Endpoint row first, then the delivery: the same lock order as disabling, so the two never deadlock.
        return Panache.withTransaction(() -> WebhookEndpoint.lockById(c.endpointId())
                .chain(endpoint -> endpoint == null
                        ? Uni.createFrom().voidItem() // deleted, with its deliveries
                        : WebhookDelivery.lockById(c.deliveryId())
                                .chain(d -> d == null
                                        ? Uni.createFrom().voidItem()
                                        : attempt(c, r, now).persist().chain(() -> apply(endpoint, d, c, r, now)))));
    }

    private Uni<Void> apply(WebhookEndpoint endpoint, WebhookDelivery d, Claimed c, AttemptResult r, Instant now) {
        if (d.state != DeliveryState.SENDING || !c.leaseId().equals(d.leaseId)) {
            // The delivery moved on without us (its endpoint was disabled, or the lease expired and it was claimed
            // again): the attempt stays on record, the state is the new owner's.
            return Uni.createFrom().voidItem();
        }
        d.attemptCount = c.attempt();
        d.updatedAt = now;
        if (r.succeeded()) {
            d.end(DeliveryState.SUCCEEDED, null, now);
            d.deliveredAt = now;
            endpoint.lastSuccessAt = now;
            endpoint.firstFailureAt = null;
            return Uni.createFrom().voidItem();
        }
        if (endpoint.firstFailureAt == null) {
            endpoint.firstFailureAt = now;
        }
        if (r.gone()) {
            return disable(endpoint, d, GONE, now);
        }
        if (RetrySchedule.failingTooLong(endpoint.firstFailureAt, now)) {
            return disable(endpoint, d, FAILING, now);
        }
        Optional<Duration> delay = RetrySchedule.delayAfter(c.attempt(), r.retryAfter(), random.nextDouble());
        if (delay.isEmpty()) {
            d.end(DeliveryState.EXHAUSTED, r.describe(), now);
        } else {
            d.schedule(now.plus(delay.get()));
            d.lastError = r.describe();
        }
        return Uni.createFrom().voidItem();
    }

    private static Uni<Void> disable(WebhookEndpoint endpoint, WebhookDelivery d, String reason, Instant now) {
        endpoint.disable(reason, now);
        d.end(DeliveryState.FAILED, reason, now);
        return WebhookDelivery.endOpen(endpoint.id, "The endpoint was disabled: " + reason, now)
                .replaceWithVoid();
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
