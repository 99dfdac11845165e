package org.sirgiving.keys.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.sirgiving.events.Environment;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.Topics;
import org.sirgiving.events.payload.CredentialData;
import org.sirgiving.keys.domain.ApiKey;
import org.sirgiving.keys.domain.Partner;
import org.sirgiving.keys.domain.PartnerStatus;
import org.sirgiving.outbox.Outbox;

/**
 * Announces a key's current state on the compacted credentials topic, through the outbox of the transaction
 * that changed it. Call it for every change to a key or to its partner.
 */
@ApplicationScoped
public class CredentialPublisher {
    private final Outbox outbox;

    public CredentialPublisher(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> publish(ApiKey key, Partner partner, String correlationId) {
        return nextVersion().chain(version -> {
            CredentialData data = toCredential(key, partner, version);
            EventEnvelope event = EventEnvelope.of(
                    EventTypes.CREDENTIAL_UPDATED,
                    partner.id,
                    Environment.fromWire(key.environment),
                    correlationId,
                    data);
            return outbox.enqueue(Topics.CREDENTIALS, key.id, event);
        });
    }

    /** After a change to the partner: every key of it that still exists carries the new partner state. */
    public Uni<Void> publishAll(Partner partner, String correlationId) {
        return ApiKey.<ApiKey>find("partnerId = ?1 and revokedAt is null", partner.id)
                .list()
                .chain(keys -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (ApiKey k : keys) {
                        chain = chain.chain(() -> publish(k, partner, correlationId));
                    }
                    return chain;
                });
    }

    public static CredentialData toCredential(ApiKey key, Partner partner, long version) {
        return new CredentialData(
                key.id,
                partner.id,
                key.environment,
                key.publicKey,
                key.secretKeyHash,
                key.hmacSecretSealed,
                key.active,
                key.revokedAt != null,
                key.expiresAt,
                partner.status.name(),
                partner.productionApproved && partner.status == PartnerStatus.ACTIVE,
                partner.tier.name(),
                partner.rateLimit,
                partner.allowedIps(),
                partner.features(),
                version);
    }

    private static Uni<Long> nextVersion() {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("SELECT nextval('credential_version_seq')", Long.class)
                        .getSingleResult());
    }
}
