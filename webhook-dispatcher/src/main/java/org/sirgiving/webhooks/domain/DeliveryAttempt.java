package org.sirgiving.webhooks.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One HTTP attempt of a delivery, as the partner sees it in the deliveries listing. Appended, never updated. */
@Entity
@Table(name = "webhook_attempts")
public class DeliveryAttempt extends PanacheEntityBase {
    @Id
    public String id;

    @Column(name = "delivery_id", nullable = false)
    public String deliveryId;

    @Column(nullable = false)
    public int attempt;

    @Column(name = "status_code")
    public Integer statusCode;

    @Column(name = "latency_ms", nullable = false)
    public long latencyMs;

    @Column(name = "response_excerpt")
    public String responseExcerpt;

    @Column
    public String error;

    @Column(name = "attempted_at", nullable = false)
    public Instant attemptedAt;
}
