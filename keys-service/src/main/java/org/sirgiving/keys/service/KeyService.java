package org.sirgiving.keys.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.sirgiving.events.Environment;
import org.sirgiving.events.Feature;
import org.sirgiving.events.PartnerStatus;
import org.sirgiving.kernel.crypto.Crypto;
import org.sirgiving.kernel.errors.ApiError;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.errors.ConstraintViolations;
import org.sirgiving.kernel.errors.ErrorCode;
import org.sirgiving.kernel.persistence.UnitOfWork;
import org.sirgiving.keys.domain.ApiKey;
import org.sirgiving.keys.domain.Partner;
import org.sirgiving.keys.domain.Tier;
import org.sirgiving.keys.repository.ApiKeyStore;
import org.sirgiving.keys.repository.PartnerStore;
import org.sirgiving.partnerauth.signing.SecretSealer;

/**
 * Partners and their key pairs. Every change to a key is published on the credentials topic in the same transaction
 * (through the outbox), so that every service sees it within moments.
 */
@ApplicationScoped
public class KeyService {
    private final UnitOfWork tx;
    private final PartnerStore partners;
    private final ApiKeyStore keys;
    private final SecretSealer sealer;
    private final CredentialPublisher credentials;
    private final int maxPerEnvironment;

    public KeyService(
            UnitOfWork tx,
            PartnerStore partners,
            ApiKeyStore keys,
            SecretSealer sealer,
            CredentialPublisher credentials,
            @ConfigProperty(name = "sir.keys.max-per-environment") int maxPerEnvironment) {
        this.tx = tx;
        this.partners = partners;
        this.keys = keys;
        this.sealer = sealer;
        this.credentials = credentials;
        this.maxPerEnvironment = maxPerEnvironment;
    }

    /** Issues a key pair; the caller's first call creates their partner (sandbox usable at once). */
    public Uni<IssuedKey> issue(IssueKey command, String correlationId) {
        return tx.write(() -> partnerOf(command.ownerSubject(), command.ownerName())
                        .chain(partner -> issueTo(partner, command, correlationId)))
                // Two first calls of one user at once: one creates the partner, the other retries and finds it.
                .onFailure(e -> ConstraintViolations.violates(e, "partners_owner_subject_key", "partners_slug_key"))
                .retry()
                .atMost(1);
    }

    /**
     * The partner row is locked (by {@link #partnerOf}) until the transaction ends, so concurrent creates count one
     * after the other and none gets past the cap.
     */
    private Uni<IssuedKey> issueTo(Partner partner, IssueKey command, String correlationId) {
        if (partner.isSuspended()) {
            throw new ApiException(ErrorCode.PARTNER_SUSPENDED, "This partner is suspended");
        }
        if (command.environment() == Environment.PRODUCTION && !partner.mayUseProduction()) {
            throw new ApiException(
                    ErrorCode.PARTNER_NOT_APPROVED, "Production keys need an approved production request");
        }
        return keys.countLive(partner.id, command.environment()).chain(live -> {
            // docs/partner-api.md section 2: keys not revoked count, deactivated and expired ones too (either can be
            // switched back on); every key lives in every service's credential cache.
            if (live >= maxPerEnvironment) {
                throw new ApiException(
                        ErrorCode.CONFLICT,
                        "A partner has at most " + maxPerEnvironment + " keys per environment that are not revoked;"
                                + " revoke one before creating another",
                        List.of(new ApiError.FieldError(
                                "environment", "already has " + maxPerEnvironment + " keys, the most allowed")),
                        null);
            }
            return newKey(partner, command, correlationId);
        });
    }

    private Uni<IssuedKey> newKey(Partner partner, IssueKey command, String correlationId) {
        String mode = command.environment().keyMode();
        String secretKey = "sk_" + mode + "_" + Crypto.randomHex(32);
        String hmacSecret = Crypto.randomHex(32);
        Instant now = tx.now();
        ApiKey key = new ApiKey();
        key.id = "key_" + Crypto.randomHex(12);
        key.partnerId = partner.id;
        key.name = command.name();
        key.environment = command.environment();
        key.keyType = command.keyType();
        key.publicKey = "pk_" + mode + "_" + Crypto.randomHex(32);
        key.secretKeyHash = Crypto.sha256Hex(secretKey);
        key.hmacSecretSealed = sealer.seal(hmacSecret);
        key.active = true;
        key.createdAt = now;
        key.updatedAt = now;
        return keys.insert(key)
                .call(k -> credentials.publish(k, partner, correlationId))
                .map(k -> new IssuedKey(k, secretKey, hmacSecret));
    }

    /** The user's keys that were not revoked, newest first (none before their first key). */
    public Uni<List<ApiKey>> list(String subject) {
        return tx.read(() -> partners.byOwner(subject).chain(p -> {
            if (p == null) {
                return Uni.createFrom().item(List.<ApiKey>of());
            }
            return keys.liveKeysOf(p.id);
        }));
    }

    public Uni<ApiKey> get(String subject, String keyId) {
        return tx.read(() -> partners.byOwner(subject).chain(p -> {
                    if (p == null) {
                        return Uni.createFrom().<ApiKey>nullItem();
                    }
                    return keys.liveKeyOf(p.id, keyId);
                }))
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("API key"));
    }

    /** Renames, (de)activates, sets or clears the expiry of a key of the user's partner. */
    public Uni<ApiKey> update(String subject, String keyId, KeyChange change, String correlationId) {
        return tx.write(() -> partners.byOwnerForUpdate(subject)
                .chain(p -> ownedKey(p, keyId).chain(key -> {
                    change.applyTo(key);
                    key.updatedAt = tx.now();
                    return credentials.publish(key, p, correlationId).replaceWith(key);
                })));
    }

    /** Revokes (deletes) a key: it stops working everywhere and is no longer listed. */
    public Uni<Void> revoke(String subject, String keyId, String correlationId) {
        return tx.write(() -> partners.byOwnerForUpdate(subject)
                .chain(p -> ownedKey(p, keyId).chain(key -> {
                    key.revokedAt = tx.now();
                    key.active = false;
                    key.updatedAt = key.revokedAt;
                    return credentials.publish(key, p, correlationId);
                })));
    }

    /** The key, locked, when it belongs to this (locked) partner. */
    private Uni<ApiKey> ownedKey(Partner partner, String keyId) {
        Uni<ApiKey> key = partner == null ? Uni.createFrom().nullItem() : keys.liveKeyOfForUpdate(partner.id, keyId);
        return key.onItem().ifNull().failWith(() -> ApiException.notFound("API key"));
    }

    /** The user's partner, locked; created (pending approval, standard tier) on their first call. */
    Uni<Partner> partnerOf(String subject, String displayName) {
        return partners.byOwnerForUpdate(subject).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(existing);
            }
            return partners.insert(newPartner(subject, displayName));
        });
    }

    private Partner newPartner(String subject, String displayName) {
        Instant now = tx.now();
        Partner p = new Partner();
        p.id = "ptn_" + Crypto.randomHex(12);
        p.ownerSubject = subject;
        p.name = displayName;
        p.slug = slugOf(displayName) + "-" + Crypto.randomHex(3);
        p.status = PartnerStatus.PENDING_APPROVAL;
        p.tier = Tier.STANDARD;
        p.rateLimit = Tier.STANDARD.defaultRateLimit();
        p.enableOnly(EnumSet.allOf(Feature.class));
        p.ipAllowlist = "";
        p.createdAt = now;
        p.updatedAt = now;
        return p;
    }

    static String slugOf(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (s.isEmpty()) {
            return "partner";
        }
        return s.length() > 40 ? s.substring(0, 40) : s;
    }
}
