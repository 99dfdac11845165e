package org.sirgiving.webhooks.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
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
    /** Around the attempt time-out (10 s by default). */
    private static final Duration[] ATTEMPT_BUCKETS = Stream.of(50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000)
            .map(Duration::ofMillis)
            .toArray(Duration[]::new);
    /** From a first attempt's milliseconds to the retry schedule's hours. */
    private static final Duration[] DELIVERY_BUCKETS = Stream.of(
                    Duration.ofMillis(250),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(30),
                    Duration.ofMinutes(2),
                    Duration.ofMinutes(10),
                    Duration.ofHours(1),
                    Duration.ofHours(6),
                    Duration.ofDays(1))
            .toArray(Duration[]::new);

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
        String result = r.succeeded() ? "success" : "failure";
        metrics.counter(
                        "sir.webhooks.attempts",
                        "result",
                        result,
                        "reason",
                        r.reason().tag())
                .increment();
        Timer.builder("sir.webhooks.attempt.duration")
                .description("One HTTP attempt: from sending to the response or the error")
                .tag("result", result)
                .serviceLevelObjectives(ATTEMPT_BUCKETS)
                .register(metrics)
                .record(Duration.ofMillis(r.latencyMs()));
        // Endpoint row first, then the delivery: the same lock order as disabling, so the two never deadlock.
        return work.write(() -> endpoints
                        .lockById(c.endpointId())
                        .onItem()
                        .ifNotNull()
                        .transformToUni(endpoint -> deliveries
                                .lockById(c.deliveryId())
                                .onItem()
                                .ifNotNull()
                                .transformToUni(d -> record(endpoint, d, c, r))))
                // Null: deleted meanwhile, with its deliveries and attempts. Counted once committed.
                .invoke(ended -> {
                    if (ended != null) {
                        ended.count(metrics);
                    }
                })
                .replaceWithVoid();
    }

    /** The delivery this attempt ended, with the time from its creation to its success; null when it goes on. */
    private record Ended(DeliveryState state, int count, Duration sinceCreated) {
        void count(MeterRegistry metrics) {
            metrics.counter("sir.webhooks.deliveries", "outcome", state.name().toLowerCase(Locale.ROOT))
                    .increment(count);
            if (sinceCreated != null) {
                Timer.builder("sir.webhooks.delivery.latency")
                        .description("From the delivery's creation (the event's arrival) to its successful attempt")
                        .serviceLevelObjectives(DELIVERY_BUCKETS)
                        .register(metrics)
                        .record(sinceCreated);
            }
        }
    }

    private Uni<Ended> record(WebhookEndpoint endpoint, WebhookDelivery d, Claimed c, AttemptResult r) {
        Instant now = work.now();
        return deliveries.addAttempt(attempt(c, r, now)).chain(() -> apply(endpoint, d, c, r, now));
    }

    private Uni<Ended> apply(WebhookEndpoint endpoint, WebhookDelivery d, Claimed c, AttemptResult r, Instant now) {
        if (!d.leasedTo(c.leaseId())) {
            // The delivery moved on without us (its endpoint was disabled, or the lease expired and it was claimed
            // again): the attempt stays on record, the state is the new owner's.
            return Uni.createFrom().nullItem();
        }
        d.attemptCount = c.attempt();
        if (r.succeeded()) {
            d.succeed(now);
            endpoint.succeeded(now);
            return Uni.createFrom().item(new Ended(DeliveryState.SUCCEEDED, 1, Duration.between(d.createdAt, now)));
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
            return Uni.createFrom().item(new Ended(DeliveryState.EXHAUSTED, 1, null));
        }
        d.retry(r.describe(), now.plus(delay.get()), now);
        return Uni.createFrom().nullItem();
    }

    private Uni<Ended> disable(WebhookEndpoint endpoint, WebhookDelivery d, DisabledReason reason, Instant now) {
        endpoint.disable(reason, now);
        d.end(DeliveryState.FAILED, reason.text(), now);
        return deliveries
                .endOpen(endpoint.id, reason.endedDeliveryError(), now)
                // Only this delivery is counted: whether the bulk end above saw its new state depends on a flush.
                .replaceWith(new Ended(DeliveryState.FAILED, 1, null));
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
