package org.sirgiving.keys.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sirgiving.events.Environment;
import org.sirgiving.kernel.crypto.Crypto;
import org.sirgiving.kernel.errors.ApiError;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.errors.ConstraintViolations;
import org.sirgiving.kernel.errors.ErrorCode;
import org.sirgiving.kernel.persistence.UnitOfWork;
import org.sirgiving.keys.domain.ApiKey;
import org.sirgiving.keys.domain.Partner;
import org.sirgiving.keys.domain.PartnerStatus;
import org.sirgiving.keys.domain.Tier;
import org.sirgiving.keys.messaging.CredentialPublisher;
import org.sirgiving.partnerauth.signing.SecretSealer;

/**
 * Partners and their key pairs. Every change to a key is published on the credentials topic in the same transaction
 * (through the outbox), so that every service sees it within moments.
 */
@ApplicationScoped
public class KeyService {
    private final UnitOfWork tx;
    private final SecretSealer sealer;
    private final CredentialPublisher credentials;
    private final Clock clock;

    public KeyService(UnitOfWork tx, SecretSealer sealer, CredentialPublisher credentials, Clock clock) {
        this.tx = tx;
        this.sealer = sealer;
        this.credentials = credentials;
        this.clock = clock;
    }

    /** Issues a key pair; the caller's first call creates their partner (sandbox usable at once). */
    public Uni<IssuedKey> issue(
            String subject,
            String displayName,
            String name,
            Environment environment,
            String keyType,
            String correlationId) {
        return tx.write(() -> partnerOf(subject, displayName).chain(partner -> {
                    if (partner.status == PartnerStatus.SUSPENDED) {
                        throw new ApiException(ErrorCode.PARTNER_SUSPENDED, "This partner is suspended");
                    }
                    if (environment == Environment.PRODUCTION
                            && !(partner.productionApproved && partner.status == PartnerStatus.ACTIVE)) {
                        throw new ApiException(
                                ErrorCode.PARTNER_NOT_APPROVED, "Production keys need an approved production request");
                    }
                    String mode = environment.keyMode();
                    String secretKey = "sk_" + mode + "_" + Crypto.randomHex(32);
                    String hmacSecret = Crypto.randomHex(32);
                    Instant now = clock.instant();
                    ApiKey key = new ApiKey();
                    key.id = "key_" + Crypto.randomHex(12);
                    key.partnerId = partner.id;
                    key.name = name;
                    key.environment = environment.wireName();
                    key.keyType = keyType;
                    key.publicKey = "pk_" + mode + "_" + Crypto.randomHex(32);
                    key.secretKeyHash = Crypto.sha256Hex(secretKey);
                    key.hmacSecretSealed = sealer.seal(hmacSecret);
                    key.active = true;
                    key.createdAt = now;
                    key.updatedAt = now;
                    return key.<ApiKey>persist()
                            .call(k -> credentials.publish(k, partner, correlationId))
                            .map(k -> new IssuedKey(k, secretKey, hmacSecret));
                }))
                // Two first calls of one user at once: one creates the partner, the other retries and finds it.
                .onFailure(e -> ConstraintViolations.violates(e, "partners_owner_subject_key", "partners_slug_key"))
                .retry()
                .atMost(1);
    }

    @WithSession
    public Uni<List<ApiKey>> list(String subject) {
        return Partner.findByOwner(subject)
                .chain(p -> p == null
                        ? Uni.createFrom().item(List.<ApiKey>of())
                        : ApiKey.<ApiKey>find("partnerId = ?1 and revokedAt is null order by createdAt desc", p.id)
                                .list());
    }

    @WithSession
    public Uni<ApiKey> get(String subject, String keyId) {
        return Partner.findByOwner(subject)
                .chain(p -> p == null
                        ? Uni.createFrom().<ApiKey>nullItem()
                        : ApiKey.<ApiKey>find("id = ?1 and partnerId = ?2 and revokedAt is null", keyId, p.id)
                                .firstResult())
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("API key"));
    }

    /** {@code {name?, isActive?, expiresAt?}}; {@code expiresAt: null} removes the expiry. */
    public Uni<ApiKey> update(String subject, String keyId, JsonNode patch, String correlationId) {
        Change change = Change.of(patch, clock.instant());
        return tx.write(() -> Partner.findByOwnerForUpdate(subject)
                .chain(p -> ownedKey(p, keyId).chain(key -> {
                    change.applyTo(key);
                    key.updatedAt = clock.instant();
                    return credentials.publish(key, p, correlationId).replaceWith(key);
                })));
    }

    /** Revokes (deletes) a key: it stops working everywhere and is no longer listed. */
    public Uni<Void> revoke(String subject, String keyId, String correlationId) {
        return tx.write(() -> Partner.findByOwnerForUpdate(subject)
                .chain(p -> ownedKey(p, keyId).chain(key -> {
                    key.revokedAt = clock.instant();
                    key.active = false;
                    key.updatedAt = key.revokedAt;
                    return credentials.publish(key, p, correlationId);
                })));
    }

    /** The key, locked, when it belongs to this (locked) partner. */
    private static Uni<ApiKey> ownedKey(Partner partner, String keyId) {
        return (partner == null ? Uni.createFrom().<ApiKey>nullItem() : ApiKey.findOwned(keyId, partner.id))
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("API key"));
    }

    Uni<Partner> partnerOf(String subject, String displayName) {
        return Partner.findByOwnerForUpdate(subject).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(existing);
            }
            Instant now = clock.instant();
            Partner p = new Partner();
            p.id = "ptn_" + Crypto.randomHex(12);
            p.ownerSubject = subject;
            p.name = displayName;
            p.slug = slugOf(displayName) + "-" + Crypto.randomHex(3);
            p.status = PartnerStatus.PENDING_APPROVAL;
            p.tier = Tier.STANDARD;
            p.rateLimit = Tier.STANDARD.defaultRateLimit();
            p.enabledFeatures = "ACTIONS,DONATIONS";
            p.ipAllowlist = "";
            p.createdAt = now;
            p.updatedAt = now;
            return p.persist();
        });
    }

    static String slugOf(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return s.isEmpty() ? "partner" : s.length() > 40 ? s.substring(0, 40) : s;
    }

    /** A validated key patch. Absent fields stay as they are. */
    private record Change(String name, Boolean active, boolean expirySet, Instant expiresAt) {
        static Change of(JsonNode patch, Instant now) {
            if (patch == null || !patch.isObject()) {
                throw new ApiException(ErrorCode.INVALID_JSON, "The body must be a JSON object");
            }
            List<ApiError.FieldError> errors = new ArrayList<>();
            String name = null;
            Boolean active = null;
            Instant expiresAt = null;
            if (patch.has("name")) {
                JsonNode n = patch.get("name");
                if (!n.isTextual() || n.asText().isBlank() || n.asText().length() > 100) {
                    errors.add(new ApiError.FieldError("name", "must be 1 to 100 characters"));
                } else {
                    name = n.asText().trim();
                }
            }
            if (patch.has("isActive")) {
                if (!patch.get("isActive").isBoolean()) {
                    errors.add(new ApiError.FieldError("isActive", "must be true or false"));
                } else {
                    active = patch.get("isActive").asBoolean();
                }
            }
            boolean expirySet = patch.has("expiresAt");
            if (expirySet && !patch.get("expiresAt").isNull()) {
                try {
                    expiresAt = Instant.parse(patch.get("expiresAt").asText());
                    if (!expiresAt.isAfter(now)) {
                        errors.add(new ApiError.FieldError("expiresAt", "must be in the future"));
                    }
                } catch (DateTimeParseException e) {
                    errors.add(new ApiError.FieldError(
                            "expiresAt", "must be an ISO-8601 instant such as 2027-01-31T00:00:00Z"));
                }
            }
            if (!errors.isEmpty()) {
                throw ApiException.validation(errors);
            }
            return new Change(name, active, expirySet, expiresAt);
        }

        void applyTo(ApiKey key) {
            if (name != null) {
                key.name = name;
            }
            if (active != null) {
                key.active = active;
            }
            if (expirySet) {
                key.expiresAt = expiresAt;
                key.expiryNotifiedAt = null;
            }
        }
    }
}
