package org.sirgiving.webhooks.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.sirgiving.kernel.crypto.Crypto;
import org.sirgiving.kernel.persistence.UnitOfWork;
import org.sirgiving.kernel.tracing.StoredTrace;
import org.sirgiving.webhooks.domain.DeliveryState;
import org.sirgiving.webhooks.domain.WebhookDelivery;
import org.sirgiving.webhooks.domain.WebhookEndpoint;
import org.sirgiving.webhooks.repository.DeliveryStore;
import org.sirgiving.webhooks.repository.WebhookEndpointStore;

/**
 * The delivery loop. Right after deliveries are queued or a send frees a slot ({@link #kick}), and every second as a
 * backstop, it claims due deliveries in a short transaction ({@code FOR UPDATE SKIP LOCKED},
 * so replicas never claim the same row) and leases them ({@code SENDING}, {@code next_attempt_at} = now + lease);
 * each is then sent outside any transaction, and its result recorded in another. A replica that dies mid-send
 * leaves a lease that expires, and the delivery is claimed again.
 * <p>
 * Isolation: at most {@code max-in-flight-per-endpoint} sends per endpoint and {@code max-in-flight} in all, on a
 * non-blocking client, so a hanging endpoint holds only its own slots while the others keep flowing.
 */
@ApplicationScoped
public class DeliveryWorker {
    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    private final WebhookSender sender;
    private final DeliveryResults results;
    private final WebhookEndpointStore endpoints;
    private final DeliveryStore deliveries;
    private final UnitOfWork work;
    private final WebhookConfig config;
    private final Vertx vertx;
    private final AttemptSpans attempts;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean claiming = new AtomicBoolean();
    private final AtomicBoolean claimAgain = new AtomicBoolean();
    private final AtomicBoolean kickScheduled = new AtomicBoolean();
    private final Map<String, Integer> inFlightByEndpoint = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    public DeliveryWorker(
            WebhookSender sender,
            DeliveryResults results,
            WebhookEndpointStore endpoints,
            DeliveryStore deliveries,
            UnitOfWork work,
            WebhookConfig config,
            Vertx vertx,
            MeterRegistry metrics,
            AttemptSpans attempts) {
        this.attempts = attempts;
        this.sender = sender;
        this.results = results;
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.work = work;
        this.config = config;
        this.vertx = vertx;
        Gauge.builder("sir.webhooks.in_flight", inFlight, AtomicInteger::get).register(metrics);
    }

    /** A replica going down claims nothing more; what it already claimed is re-claimed when the leases expire. */
    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** The backstop: deliveries that came due (retries) and anything a kick missed. */
    @Scheduled(
            every = "${sir.webhooks.poll-interval}",
            delayed = "${sir.webhooks.poll-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        if (stopping || !claiming.compareAndSet(false, true)) {
            claimAgain.set(true);
            return Uni.createFrom().voidItem();
        }
        return claimLoop();
    }

    /**
     * Claim soon: new deliveries were queued, or a send finished and freed a slot. Without it, a replica claimed at
     * most its free slots once a second (16 endpoints × 4 slots = 64 deliveries/s in the bench), however fast the
     * receivers answered. The claim runs {@code kick-delay} later, so that the kicks meanwhile share it; one claim runs
     * at a time (the counters rely on it), and kicks during a claim make it run once more.
     */
    public void kick() {
        if (stopping || !kickScheduled.compareAndSet(false, true)) {
            return;
        }
        vertx.setTimer(Math.max(1, config.kickDelay().toMillis()), id -> {
            kickScheduled.set(false);
            if (!claiming.compareAndSet(false, true)) {
                claimAgain.set(true);
                return;
            }
            // A context of its own: no caller's Hibernate session is shared.
            Context ctx = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(ctx, true);
            ctx.runOnContext(v -> claimLoop().subscribe().with(ok -> {}, e -> {}));
        });
    }

    private Uni<Void> claimLoop() {
        claimAgain.set(false);
        return Uni.createFrom()
                .deferred(this::claimAndDispatch)
                .onFailure()
                .invoke(e -> LOG.warnf("Claiming webhook deliveries failed, will retry: %s", e.getMessage()))
                .onFailure()
                .recoverWithNull()
                .eventually(() -> claiming.set(false))
                .chain(() -> claimAgain.get() && !stopping && claiming.compareAndSet(false, true)
                        ? claimLoop()
                        : Uni.createFrom().voidItem());
    }

    /** Claims as much as the free slots allow; goes on while full batches come back. */
    Uni<Void> claimAndDispatch() {
        int limit = Math.min(config.batchSize(), config.maxInFlight() - inFlight.get());
        if (limit <= 0 || stopping) {
            return Uni.createFrom().voidItem();
        }
        return work.write(() -> claim(limit)).chain(claimed -> {
            claimed.forEach(this::dispatch);
            return claimed.size() == limit
                    ? claimAndDispatch()
                    : Uni.createFrom().voidItem();
        });
    }

    /**
     * Locks due deliveries ({@code FOR UPDATE SKIP LOCKED}: replicas never claim the same row) and leases those this
     * replica has slots for.
     */
    private Uni<List<Claimed>> claim(int limit) {
        Instant now = work.now();
        int perEndpoint = config.maxInFlightPerEndpoint();
        // Only this method adds to the counters and the poller never overlaps itself, so they can only fall meanwhile.
        List<String> busy = inFlightByEndpoint.entrySet().stream()
                .filter(e -> e.getValue() >= perEndpoint)
                .map(Map.Entry::getKey)
                .toList();
        return deliveries.lockDue(now, busy, perEndpoint, limit).chain(candidates -> {
            List<WebhookDelivery> chosen = choose(candidates, limit, perEndpoint);
            if (chosen.isEmpty()) {
                return Uni.createFrom().item(List.<Claimed>of());
            }
            List<String> endpointIds =
                    chosen.stream().map(d -> d.endpointId).distinct().toList();
            return endpoints
                    .findAll(endpointIds)
                    .map(found -> lease(
                            chosen, found.stream().collect(Collectors.toMap(e -> e.id, Function.identity())), now));
        });
    }

    /** Fills the free slots of each endpoint, oldest due first. */
    private List<WebhookDelivery> choose(List<WebhookDelivery> candidates, int limit, int perEndpoint) {
        Map<String, Integer> taken = new HashMap<>();
        List<WebhookDelivery> chosen = new ArrayList<>();
        for (WebhookDelivery d : candidates) {
            if (chosen.size() >= limit) {
                break;
            }
            int used = inFlightByEndpoint.getOrDefault(d.endpointId, 0) + taken.getOrDefault(d.endpointId, 0);
            if (used < perEndpoint) {
                taken.merge(d.endpointId, 1, Integer::sum);
                chosen.add(d);
            }
        }
        return chosen;
    }

    /** Marks the chosen rows in flight (flushed at commit) and copies out what the sender needs. */
    private List<Claimed> lease(List<WebhookDelivery> chosen, Map<String, WebhookEndpoint> endpoints, Instant now) {
        String leaseId = "lse_" + Crypto.randomHex(8);
        Instant leaseUntil = now.plus(config.lease());
        List<Claimed> claimed = new ArrayList<>();
        for (WebhookDelivery d : chosen) {
            WebhookEndpoint e = endpoints.get(d.endpointId);
            if (e == null || !e.active) {
                // Disabled between queueing and now: such deliveries end, as the disabling would have ended them.
                d.end(DeliveryState.FAILED, "The endpoint is disabled", now);
                continue;
            }
            d.lease(leaseId, leaseUntil, now);
            claimed.add(new Claimed(
                    d.id,
                    leaseId,
                    d.attemptCount + 1,
                    d.eventId,
                    d.payload,
                    e.id,
                    e.url,
                    e.headerMap(),
                    e.signingSecrets(),
                    new StoredTrace(d.traceparent, d.tracestate)));
        }
        return claimed;
    }

    private void dispatch(Claimed c) {
        inFlight.incrementAndGet();
        inFlightByEndpoint.merge(c.endpointId(), 1, Integer::sum);
        // A context of its own per send: its Hibernate session is not shared with the poller or other sends.
        Context ctx = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(ctx, true);
        ctx.runOnContext(v -> attempts.traced(c, () -> sender.send(c))
                .chain(result -> results.record(c, result))
                .eventually(() -> release(c.endpointId()))
                .subscribe()
                .with(
                        ok -> {},
                        e -> LOG.warnf(
                                "Recording attempt %d of delivery %s failed; it is retried when its lease expires: %s",
                                c.attempt(), c.deliveryId(), e.getMessage())));
    }

    private void release(String endpointId) {
        inFlight.decrementAndGet();
        inFlightByEndpoint.computeIfPresent(endpointId, (k, n) -> n > 1 ? n - 1 : null);
        kick();
    }
}
