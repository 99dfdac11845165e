package org.sirgiving.webhooks.domain;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sirgiving.events.EventJson;

/** A partner's webhook endpoint, scoped by (partner, environment). The signing secret is stored sealed only. */
@Entity
@Table(name = "webhook_endpoints")
public class WebhookEndpoint extends PanacheEntityBase {
    @Id
    public String id;

    @Column(name = "partner_id", nullable = false)
    public String partnerId;
    /** Wire name: sandbox | production. */
    @Column(nullable = false)
    public String environment;

    @Column(nullable = false)
    public String url;

    @Column
    public String description;
    /** JSON array of event type names. */
    @Column(name = "event_types", nullable = false)
    public String eventTypes;

    @Column(name = "receive_all_events", nullable = false)
    public boolean receiveAllEvents;
    /** JSON object of extra headers. */
    @Column(nullable = false)
    public String headers;

    @Column(name = "secret_sealed", nullable = false)
    public String secretSealed;

    /** The secret the last rotation replaced, still signing beside the current one until it expires; else null. */
    @Column(name = "previous_secret_sealed")
    public String previousSecretSealed;

    @Column(name = "previous_secret_expires_at")
    public Instant previousSecretExpiresAt;

    /** The partner has seen the secret (docs/partner-api.md section 6): it is shown once. */
    @Column(name = "secret_revealed", nullable = false)
    public boolean secretRevealed;

    /** The production request whose approval created this endpoint; null for endpoints the partner created. */
    @Column(name = "production_request_id")
    public String productionRequestId;

    @Column(name = "is_active", nullable = false)
    public boolean active;

    @Column(name = "disabled_reason")
    public String disabledReason;

    @Column(name = "disabled_at")
    public Instant disabledAt;

    @Column(name = "first_failure_at")
    public Instant firstFailureAt;

    @Column(name = "last_success_at")
    public Instant lastSuccessAt;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "request_hash")
    public String requestHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Refused when an endpoint would receive nothing (reported on {@code eventTypes}). */
    public static final String MUST_SUBSCRIBE = "must list at least one event type unless receiveAllEvents is true";

    public boolean subscribesTo(String eventType) {
        return receiveAllEvents || eventTypeList().contains(eventType);
    }

    /** Receives something: every event, or at least one type. */
    public boolean subscribesToSomething() {
        return receiveAllEvents || !eventTypeList().isEmpty();
    }

    public List<String> eventTypeList() {
        try {
            return List.of(EventJson.MAPPER.readValue(eventTypes, String[].class));
        } catch (IOException e) {
            throw new UncheckedIOException("Stored event types are not a JSON array", e);
        }
    }

    public void eventTypeList(List<String> types) {
        eventTypes = EventJson.write(
                types == null ? List.of() : types.stream().distinct().toList());
    }

    public Map<String, String> headerMap() {
        try {
            return EventJson.MAPPER.readValue(headers, new TypeReference<LinkedHashMap<String, String>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException("Stored headers are not a JSON object", e);
        }
    }

    public void headerMap(Map<String, String> map) {
        headers = EventJson.write(map == null ? Map.of() : map);
    }

    /**
     * A new secret signs from now on; the one it replaces keeps signing beside it until {@code now + overlap}, so the
     * partner's receivers can switch over without a failed delivery. Only one previous secret is kept: rotating again
     * within the overlap drops the older one. The partner has seen the new secret (the rotation answer shows it).
     */
    public void rotateSecret(String newSecretSealed, Instant now, Duration overlap) {
        if (overlap.isZero() || overlap.isNegative()) {
            previousSecretSealed = null;
            previousSecretExpiresAt = null;
        } else {
            previousSecretSealed = secretSealed;
            previousSecretExpiresAt = now.plus(overlap);
        }
        secretSealed = newSecretSealed;
        secretRevealed = true;
        updatedAt = now;
    }

    public SigningSecrets signingSecrets() {
        return new SigningSecrets(secretSealed, previousSecretSealed, previousSecretExpiresAt);
    }

    /** An attempt succeeded: the failure streak, if any, is over. */
    public void succeeded(Instant now) {
        lastSuccessAt = now;
        firstFailureAt = null;
    }

    /** An attempt failed: the first failure since the last success starts the streak the disable rule measures. */
    public void failed(Instant now) {
        if (firstFailureAt == null) {
            firstFailureAt = now;
        }
    }

    /** Stops deliveries to this endpoint; the caller ends its pending deliveries in the same transaction. */
    public void disable(DisabledReason reason, Instant now) {
        active = false;
        disabledReason = reason.text();
        disabledAt = now;
        updatedAt = now;
    }

    /** Stops deliveries, saying why in the partner's words ({@code detail}) after the reason's own text. */
    public void disable(DisabledReason reason, String detail, Instant now) {
        disable(reason, now);
        disabledReason = reason.text() + ": " + detail;
    }

    /** Re-enabled by the partner: a fresh start, the old failure streak no longer counts. */
    public void enable(Instant now) {
        active = true;
        disabledReason = null;
        disabledAt = null;
        firstFailureAt = null;
        updatedAt = now;
    }
}
