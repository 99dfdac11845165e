package org.sirgiving.keys.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.DynamicUpdate;
import org.sirgiving.events.Environment;

/** A key pair. The secret key exists only as its hash; the HMAC secret only sealed. */
@Entity
@Table(name = "api_keys")
@DynamicUpdate
public class ApiKey extends PanacheEntityBase {
    @Id
    public String id;

    @Column(name = "partner_id", nullable = false)
    public String partnerId;

    @Column(nullable = false)
    public String name;

    @Convert(converter = EnvironmentColumn.class)
    @Column(nullable = false)
    public Environment environment;

    /** The partner's own label (the contract lists no values); {@code standard} unless given. */
    @Column(name = "key_type", nullable = false)
    public String keyType;

    @Column(name = "public_key", nullable = false)
    public String publicKey;

    @Column(name = "secret_key_hash", nullable = false)
    public String secretKeyHash;

    @Column(name = "hmac_secret_sealed", nullable = false)
    public String hmacSecretSealed;

    @Column(name = "is_active", nullable = false)
    public boolean active;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "expiry_notified_at")
    public Instant expiryNotifiedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
