package org.sirgiving.rewards.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A partner's end user, known by the partner's own id for them ({@code externalId} = partnerUserId). */
@Entity
@Table(name = "users")
public class PartnerUser extends PanacheEntityBase {
    @Id
    public String id;

    @Column(name = "partner_id", nullable = false)
    public String partnerId;

    @Column(nullable = false)
    public String environment;

    @Column(name = "external_id", nullable = false)
    public String externalId;

    public String email;

    @Column(name = "first_name")
    public String firstName;

    @Column(name = "last_name")
    public String lastName;

    public String metadata;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The partner's {@code Idempotency-Key} of the create that made this user (null: none, or made by an action). */
    @Column(name = "idempotency_key")
    public String idempotencyKey;

    /** The fingerprint of that create's request (with a key only). */
    @Column(name = "request_hash")
    public String requestHash;
}
