package org.sirgiving.webhooks.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventJson;
import org.sirgiving.kernel.crypto.Crypto;
import org.sirgiving.webhooks.domain.DeliveryState;
import org.sirgiving.webhooks.domain.WebhookDelivery;
import org.sirgiving.webhooks.domain.WebhookEndpoint;
import org.sirgiving.webhooks.domain.WebhookEventTypes;
import org.sirgiving.webhooks.domain.WebhookPayload;

/** Turns events into deliveries: one per subscribed active endpoint, due at once. */
@ApplicationScoped
public class DeliveryQueue {
    private final Clock clock;

    public DeliveryQueue(Clock clock) {
        this.clock = clock;
    }

    /**
     * Fans one lifecycle event out to the partner's matching endpoints in one transaction. Inserting the same
     * (endpoint, event) again does nothing, so a Kafka record seen twice yields each delivery once. Returns how many
     * deliveries were created.
     */
    public Uni<Integer> enqueue(EventEnvelope event) {
        return Panache.withTransaction(() -> enqueueIn(event));
    }

    /** {@link #enqueue} inside the caller's transaction (the consumer fans out a whole batch in one). */
    public Uni<Integer> enqueueIn(EventEnvelope event) {
        if (!WebhookEventTypes.isSubscribable(event.type())) {
            return Uni.createFrom().item(0);
        }
        String payload = WebhookPayload.of(event.id(), event.type(), event.occurredAt(), event.data());
        return WebhookEndpoint.listActive(event.partnerId(), event.environment())
                .chain(endpoints -> insertAll(
                        endpoints.stream()
                                .filter(e -> e.subscribesTo(event.type()))
                                .toList(),
                        event.id(),
                        event.type(),
                        payload));
    }

    private Uni<Integer> insertAll(List<WebhookEndpoint> endpoints, String eventId, String type, String payload) {
        if (endpoints.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Instant now = clock.instant();
        // One session: the inserts run one after another.
        return Multi.createFrom()
                .iterable(endpoints)
                .onItem()
                .transformToUniAndConcatenate(e -> insert(e, eventId, type, payload, now))
                .collect()
                .asList()
                .map(counts -> counts.stream().mapToInt(Integer::intValue).sum());
    }

    private static Uni<Integer> insert(WebhookEndpoint e, String eventId, String type, String payload, Instant now) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "INSERT INTO webhook_deliveries (id, endpoint_id, partner_id, environment, event_id, event_type, "
                                        + "payload, state, attempt_count, next_attempt_at, created_at, updated_at) VALUES (:id, "
                                        + ":endpoint, :partner, :environment, :event, :type, :payload, 'PENDING', 0, :now, :now, :now) "
                                        + "ON CONFLICT ON CONSTRAINT webhook_deliveries_once DO NOTHING")
                        .setParameter("id", newDeliveryId())
                        .setParameter("endpoint", e.id)
                        .setParameter("partner", e.partnerId)
                        .setParameter("environment", e.environment)
                        .setParameter("event", eventId)
                        .setParameter("type", type)
                        .setParameter("payload", payload)
                        .setParameter("now", now)
                        .executeUpdate());
    }

    /** A {@code webhook.test} event for one endpoint, queued in the caller's transaction. */
    public Uni<WebhookDelivery> enqueueTest(WebhookEndpoint endpoint) {
        Instant now = clock.instant();
        String eventId = "evt_" + Crypto.randomHex(16);
        WebhookDelivery d = new WebhookDelivery();
        d.id = newDeliveryId();
        d.endpointId = endpoint.id;
        d.partnerId = endpoint.partnerId;
        d.environment = endpoint.environment;
        d.eventId = eventId;
        d.eventType = WebhookEventTypes.TEST;
        d.payload = WebhookPayload.of(
                eventId,
                WebhookEventTypes.TEST,
                now,
                EventJson.MAPPER.valueToTree(Map.of(
                        "endpointId",
                        endpoint.id,
                        "message",
                        "A test event from SIR Giving: your endpoint is reachable.")));
        d.state = DeliveryState.PENDING;
        d.nextAttemptAt = now;
        d.createdAt = now;
        d.updatedAt = now;
        return d.persist();
    }

    static String newDeliveryId() {
        return "dlv_" + Crypto.randomHex(12);
    }
}
