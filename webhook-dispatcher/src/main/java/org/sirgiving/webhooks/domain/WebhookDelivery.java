package org.sirgiving.webhooks.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

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

    /** The trace of the event this delivery was made for (W3C), continued by every attempt; null when none. */
    @Column(name = "traceparent")
    public String traceparent;

    @Column(name = "tracestate")
    public String tracestate;

    /** Due at {@code at}: the next attempt is made then. */
    private void schedule(Instant at) {
        state = DeliveryState.PENDING;
        nextAttemptAt = at;
        leaseId = null;
    }

    /** Claimed by a sender until {@code until}: {@code next_attempt_at} is the lease expiry while SENDING. */
    public void lease(String lease, Instant until, Instant now) {
        state = DeliveryState.SENDING;
        leaseId = lease;
        nextAttemptAt = until;
        updatedAt = now;
    }

    public void succeed(Instant now) {
        end(DeliveryState.SUCCEEDED, null, now);
        deliveredAt = now;
    }

    /** An attempt failed with {@code error}; the next one is due at {@code next}. */
    public void retry(String error, Instant next, Instant now) {
        schedule(next);
        lastError = error;
        updatedAt = now;
    }

    /** Queued again by hand: a new sequence of attempts, due now. */
    public void redeliver(Instant now) {
        attemptCount = 0;
        lastError = null;
        schedule(now);
        updatedAt = now;
    }

    /** The delivery holds this lease: nobody re-claimed it and nothing ended it meanwhile. */
    public boolean leasedTo(String lease) {
        return state == DeliveryState.SENDING && lease.equals(leaseId);
    }

    public void end(DeliveryState terminal, String error, Instant now) {
        state = terminal;
        lastError = error;
        nextAttemptAt = null;
        leaseId = null;
        updatedAt = now;
    }
}
