package org.sirgiving.keys.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.sirgiving.events.Environment;
import org.sirgiving.keys.domain.ApiKey;
import org.sirgiving.keys.domain.Partner;
import org.sirgiving.keys.domain.PartnerStatus;
import org.sirgiving.keys.domain.Tier;
import org.sirgiving.keys.messaging.CredentialPublisher;
import org.sirgiving.outbox.Transactions;
import org.sirgiving.partnerauth.errors.ApiException;
import org.sirgiving.partnerauth.errors.ErrorCode;
import org.sirgiving.partnerauth.signing.Crypto;
import org.sirgiving.partnerauth.signing.SecretSealer;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Partners and their key pairs. */
@ApplicationScoped
public class KeyService {
    private final Transactions tx;
    private final SecretSealer sealer;
    private final CredentialPublisher credentials;

    public KeyService(Transactions tx, SecretSealer sealer, CredentialPublisher credentials) {
        this.tx = tx;
        this.sealer = sealer;
        this.credentials = credentials;
    }

    /** Issues a key pair; the caller's first call creates their partner (sandbox usable at once). */
    public Uni<IssuedKey> issue(String subject, String displayName, String name, Environment environment, String keyType,
                                String correlationId) {
        return tx.run(() -> partnerOf(subject, displayName).chain(partner -> {
            if (partner.status == PartnerStatus.SUSPENDED) {
                throw new ApiException(ErrorCode.PARTNER_SUSPENDED, "This partner is suspended");
            }
            if (environment == Environment.PRODUCTION
                    && !(partner.productionApproved && partner.status == PartnerStatus.ACTIVE)) {
                throw new ApiException(ErrorCode.PARTNER_NOT_APPROVED,
                        "Production keys need an approved production request");
            }
            String mode = environment.keyMode();
            String secretKey = "sk_" + mode + "_" + Crypto.randomHex(32);
            String hmacSecret = Crypto.randomHex(32);
            Instant now = Instant.now();
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
        }));
    }

    @WithSession
    public Uni<List<ApiKey>> list(String subject) {
        return Partner.findByOwner(subject).chain(p -> p == null
                ? Uni.createFrom().item(List.<ApiKey>of())
                : ApiKey.<ApiKey>find("partnerId = ?1 and revokedAt is null order by createdAt desc", p.id).list());
    }

    private Uni<Partner> partnerOf(String subject, String displayName) {
        return Partner.findByOwner(subject).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(existing);
            }
            Instant now = Instant.now();
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
}
