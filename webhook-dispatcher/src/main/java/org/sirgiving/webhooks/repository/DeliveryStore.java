package org.sirgiving.webhooks.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.sirgiving.events.Environment;
import org.sirgiving.webhooks.domain.DeliveryAttempt;
import org.sirgiving.webhooks.domain.DeliveryCounts;
import org.sirgiving.webhooks.domain.DeliveryState;
import org.sirgiving.webhooks.domain.WebhookDelivery;

/** Every query of {@code webhook_deliveries} and {@code webhook_attempts}: a delivery and the attempts made of it. */
@ApplicationScoped
public class DeliveryStore {
    /**
     * One row per (endpoint, event): a Kafka record seen again inserts nothing ({@code webhook_deliveries_once}).
     */
    private static final String INSERT_ONCE = """
            INSERT INTO webhook_deliveries (id, endpoint_id, partner_id, environment, event_id, event_type, payload,
                                            state, attempt_count, next_attempt_at, created_at, updated_at,
                                            traceparent, tracestate)
            VALUES (:id, :endpoint, :partner, :environment, :event, :type, :payload,
                    :state, 0, :due, :now, :now, :traceparent, :tracestate)
            ON CONFLICT ON CONSTRAINT webhook_deliveries_once DO NOTHING""";

    /**
     * Due deliveries, oldest first, at most {@code perEndpoint} per endpoint and none of the {@code busy} endpoints, so
     * one endpoint's backlog never fills the batch. The outer conditions are re-checked on the locked row, so a row
     * another replica claimed meanwhile is left alone ({@code SKIP LOCKED}: replicas never wait for each other).
     */
    private static final String LOCK_DUE = """
            SELECT d.* FROM webhook_deliveries d
            WHERE d.id IN (
                SELECT c.id FROM (
                    SELECT x.id, x.next_attempt_at,
                           row_number() OVER (PARTITION BY x.endpoint_id ORDER BY x.next_attempt_at, x.id) AS rn
                    FROM webhook_deliveries x
                    WHERE x.state IN ('PENDING', 'SENDING') AND x.next_attempt_at <= :now
                      AND NOT (x.endpoint_id = ANY (string_to_array(:busy, ',')))
                ) c
                WHERE c.rn <= :perEndpoint
                ORDER BY c.next_attempt_at
                LIMIT :limit)
              AND d.state IN ('PENDING', 'SENDING') AND d.next_attempt_at <= :now
            ORDER BY d.next_attempt_at
            FOR UPDATE SKIP LOCKED""";

    /**
     * A partner's deliveries decided in {@code [from, to)} (SUCCEEDED at {@code delivered_at}; FAILED and EXHAUSTED at
     * their last change, which is when they ended) and those still open now (PENDING or SENDING, whenever created).
     */
    private static final String STATS = """
            SELECT count(*) FILTER (WHERE state = 'SUCCEEDED' AND delivered_at >= :from AND delivered_at < :to),
                   count(*) FILTER (WHERE state IN ('FAILED', 'EXHAUSTED') AND updated_at >= :from AND updated_at < :to),
                   count(*) FILTER (WHERE state IN ('PENDING', 'SENDING'))
            FROM webhook_deliveries
            WHERE partner_id = :partner AND environment = :environment""";

    /**
     * At most {@code :n} deliveries that ended before {@code :cutoff} (a final state's {@code updated_at} is when it
     * ended), oldest first; their attempts go with them ({@code ON DELETE CASCADE}). {@code SKIP LOCKED}: a row being
     * redelivered right now is left alone, and replicas running this at once split the rows.
     */
    private static final String DELETE_ENDED = """
            DELETE FROM webhook_deliveries WHERE id IN (
                SELECT id FROM webhook_deliveries
                WHERE state IN ('SUCCEEDED', 'FAILED', 'EXHAUSTED') AND updated_at < :cutoff
                ORDER BY updated_at LIMIT :n FOR UPDATE SKIP LOCKED)""";

    private static final String OWNED = "id = ?1 and partnerId = ?2 and environment = ?3";

    /** Inserts {@code d} unless its endpoint already has a delivery of its event; returns the rows inserted (0 or 1). */
    public Uni<Integer> insertOnce(WebhookDelivery d) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(INSERT_ONCE)
                        .setParameter("id", d.id)
                        .setParameter("endpoint", d.endpointId)
                        .setParameter("partner", d.partnerId)
                        .setParameter("environment", d.environment)
                        .setParameter("event", d.eventId)
                        .setParameter("type", d.eventType)
                        .setParameter("payload", d.payload)
                        .setParameter("state", d.state.name())
                        .setParameter("due", d.nextAttemptAt)
                        .setParameter("now", d.createdAt)
                        .setParameter("traceparent", d.traceparent)
                        .setParameter("tracestate", d.tracestate)
                        .executeUpdate());
    }

    public Uni<WebhookDelivery> insert(WebhookDelivery d) {
        return d.persist();
    }

    /**
     * Locks up to {@code limit} due deliveries ({@code PENDING} due, or {@code SENDING} with an expired lease) for the
     * caller's transaction, skipping rows other replicas hold and the endpoints in {@code busyEndpointIds}.
     */
    public Uni<List<WebhookDelivery>> lockDue(
            Instant now, Collection<String> busyEndpointIds, int perEndpoint, int limit) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(LOCK_DUE, WebhookDelivery.class)
                        .setParameter("now", now)
                        .setParameter("busy", String.join(",", busyEndpointIds))
                        .setParameter("perEndpoint", perEndpoint)
                        .setParameter("limit", limit)
                        .getResultList());
    }

    public Uni<WebhookDelivery> lockById(String id) {
        return WebhookDelivery.findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Uni<WebhookDelivery> lockOwned(String id, String partnerId, Environment environment) {
        return WebhookDelivery.find(OWNED, id, partnerId, environment.wireName())
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }

    /** Ends every open delivery of an endpoint that is being disabled; in-flight results then only add their attempt. */
    public Uni<Integer> endOpen(String endpointId, String error, Instant now) {
        return WebhookDelivery.update(
                "state = ?1, lastError = ?2, nextAttemptAt = null, leaseId = null, updatedAt = ?3 "
                        + "where endpointId = ?4 and state in ?5",
                DeliveryState.FAILED,
                error,
                now,
                endpointId,
                DeliveryState.OPEN);
    }

    public Uni<DeliveryAttempt> addAttempt(DeliveryAttempt attempt) {
        return attempt.persist();
    }

    /** One page (1-based) of an endpoint's deliveries, newest first. */
    public Uni<List<WebhookDelivery>> pageOf(String endpointId, int page, int limit) {
        return WebhookDelivery.<WebhookDelivery>find("endpointId = ?1 order by createdAt desc, id desc", endpointId)
                .page(page - 1, limit)
                .list();
    }

    public Uni<Long> countOf(String endpointId) {
        return WebhookDelivery.count("endpointId = ?1", endpointId);
    }

    /** The counts of {@link #STATS}, in one statement (one snapshot). */
    public Uni<DeliveryCounts> countsOf(String partnerId, Environment environment, Instant from, Instant to) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(STATS, Object[].class)
                        .setParameter("partner", partnerId)
                        .setParameter("environment", environment.wireName())
                        .setParameter("from", from)
                        .setParameter("to", to)
                        .getSingleResult())
                .map(r -> new DeliveryCounts(
                        ((Number) r[0]).longValue(), ((Number) r[1]).longValue(), ((Number) r[2]).longValue()));
    }

    /** Deletes up to {@code limit} deliveries that ended before {@code cutoff}, and their attempts; how many. */
    public Uni<Integer> deleteEndedBefore(Instant cutoff, int limit) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(DELETE_ENDED)
                        .setParameter("cutoff", cutoff)
                        .setParameter("n", limit)
                        .executeUpdate());
    }

    /** The attempts of these deliveries, in the order they were made, by delivery id. */
    public Uni<Map<String, List<DeliveryAttempt>>> attemptsOf(List<String> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return DeliveryAttempt.<DeliveryAttempt>list("deliveryId in ?1 order by attemptedAt, id", deliveryIds)
                .map(attempts -> attempts.stream().collect(Collectors.groupingBy(a -> a.deliveryId)));
    }
}
