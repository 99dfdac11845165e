package org.sirgiving.webhooks.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventJson;
import org.sirgiving.kernel.crypto.Crypto;
import org.sirgiving.kernel.messaging.RecordTraces;
import org.sirgiving.kernel.persistence.UnitOfWork;
import org.sirgiving.kernel.tracing.StoredTrace;
import org.sirgiving.webhooks.domain.DeliveryState;
import org.sirgiving.webhooks.domain.WebhookDelivery;
import org.sirgiving.webhooks.domain.WebhookEndpoint;
import org.sirgiving.webhooks.domain.WebhookEventTypes;
import org.sirgiving.webhooks.domain.WebhookPayload;
import org.sirgiving.webhooks.repository.DeliveryStore;
import org.sirgiving.webhooks.repository.WebhookEndpointStore;

/** Turns events into deliveries: one per subscribed active endpoint, due at once. */
@ApplicationScoped
public class DeliveryQueue {
    private final WebhookEndpointStore endpoints;
    private final DeliveryStore deliveries;
    private final UnitOfWork work;
    private final RecordTraces traces;

    public DeliveryQueue(
            WebhookEndpointStore endpoints, DeliveryStore deliveries, UnitOfWork work, RecordTraces traces) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.work = work;
        this.traces = traces;
    }

    /**
     * Fans the events out to their partners' matching endpoints, in order, in one transaction (the consumer's batch
     * of a partition). Inserting the same (endpoint, event) again does nothing, so a Kafka record seen twice yields
     * each delivery once. Returns how many deliveries were created.
     */
    public Uni<Integer> enqueue(List<EventEnvelope> events) {
        return work.write(() -> Multi.createFrom()
                .iterable(events)
                .onItem()
                // Each event's deliveries are made in the span of its record, and keep that trace for their attempts.
                .transformToUniAndConcatenate(event -> traces.within(event, () -> fanOut(event)))
                .collect()
                .with(Collectors.summingInt(Integer::intValue)));
    }

    private Uni<Integer> fanOut(EventEnvelope event) {
        if (!WebhookEventTypes.isSubscribable(event.type())) {
            return Uni.createFrom().item(0);
        }
        String payload = WebhookPayload.of(event.id(), event.type(), event.occurredAt(), event.data());
        Instant now = work.now();
        StoredTrace trace = StoredTrace.current();
        // One session: the inserts run one after another.
        return endpoints
                .listActive(event.partnerId(), event.environment())
                .onItem()
                .transformToMulti(list -> Multi.createFrom().iterable(list))
                .filter(e -> e.subscribesTo(event.type()))
                .onItem()
                .transformToUniAndConcatenate(
                        e -> deliveries.insertOnce(newDelivery(e, event.id(), event.type(), payload, now, trace)))
                .collect()
                .with(Collectors.summingInt(Integer::intValue));
    }

    /** A {@code webhook.test} event for one endpoint, queued in the caller's transaction. */
    Uni<WebhookDelivery> enqueueTest(WebhookEndpoint endpoint) {
        Instant now = work.now();
        String eventId = "evt_" + Crypto.randomHex(16);
        JsonNode data = EventJson.MAPPER.valueToTree(Map.of(
                "endpointId", endpoint.id, "message", "A test event from SIR Giving: your endpoint is reachable."));
        String payload = WebhookPayload.of(eventId, WebhookEventTypes.TEST, now, data);
        return deliveries.insert(
                newDelivery(endpoint, eventId, WebhookEventTypes.TEST, payload, now, StoredTrace.NONE));
    }

    /** A delivery of one event to one endpoint, due at once. */
    private static WebhookDelivery newDelivery(
            WebhookEndpoint endpoint, String eventId, String type, String payload, Instant now, StoredTrace trace) {
        WebhookDelivery d = new WebhookDelivery();
        d.id = "dlv_" + Crypto.randomHex(12);
        d.endpointId = endpoint.id;
        d.partnerId = endpoint.partnerId;
        d.environment = endpoint.environment;
        d.eventId = eventId;
        d.eventType = type;
        d.payload = payload;
        d.state = DeliveryState.PENDING;
        d.nextAttemptAt = now;
        d.createdAt = now;
        d.updatedAt = now;
        d.traceparent = trace.traceparent();
        d.tracestate = trace.tracestate();
        return d;
    }
}
