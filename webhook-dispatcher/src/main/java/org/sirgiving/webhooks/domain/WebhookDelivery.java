package org.sirgiving.webhooks.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import org.sirgiving.events.Environment;

/** One event to one endpoint, with its persisted schedule. (endpoint, event) is unique. */
@Entity
@Table(name = "webhook_deliveries")
public class WebhookDelivery extends PanacheEntityBase {
    @Id
    public String id;

    @Column(name = "endpoint_id", nullable = false)
    public String endpointId;

    @Column(name = "partner_id", nullable = false)
    public String partnerId;

    @Column(nullable = false)
    public String environment;

    @Column(name = "event_id", nullable = false)
    public String eventId;

    @Column(name = "event_type", nullable = false)
    public String eventType;
    /** The exact body sent on every attempt. */
    @Column(nullable = false)
    public String payload;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DeliveryState state;

    @Column(name = "attempt_count", nullable = false)
    public int attemptCount;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "lease_id")
    public String leaseId;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static Uni<WebhookDelivery> lockOwned(String id, String partnerId, Environment environment) {
        return find("id = ?1 and partnerId = ?2 and environment = ?3", id, partnerId, environment.wireName())
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }

    public static Uni<WebhookDelivery> lockById(String id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Ends every open delivery of an endpoint that is being disabled; in-flight results then only add their attempt. */
    public static Uni<Integer> endOpen(String endpointId, String reason, Instant now) {
        return update(
                "state = ?1, lastError = ?2, nextAttemptAt = null, leaseId = null, updatedAt = ?3 "
                        + "where endpointId = ?4 and state in ?5",
                DeliveryState.FAILED,
                reason,
                now,
                endpointId,
                DeliveryState.OPEN);
    }

    /** Due now: the next attempt is made at once. */
    public void schedule(Instant at) {
        state = DeliveryState.PENDING;
        nextAttemptAt = at;
        leaseId = null;
    }

    public void end(DeliveryState terminal, String error, Instant now) {
        state = terminal;
        lastError = error;
        nextAttemptAt = null;
        leaseId = null;
        updatedAt = now;
    }
}
