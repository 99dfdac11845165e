package org.sirgiving.keys.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.sirgiving.events.Environment;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.Topics;
import org.sirgiving.events.payload.CredentialData;
import org.sirgiving.kernel.persistence.UnitOfWork;
import org.sirgiving.keys.domain.ApiKey;
import org.sirgiving.keys.domain.Partner;
import org.sirgiving.keys.repository.ApiKeyStore;
import org.sirgiving.keys.repository.PartnerStore;
import org.sirgiving.outbox.Outbox;

/**
 * Brings the credentials topic back in line with keys-service's database after that database was restored from a
 * backup (docs/operations.md, "Backup and restore"). The topic is compacted and keeps what was published after the
 * backup was taken; every service's cache keeps the highest version of each key, so without this step:
 * <ul>
 *   <li>every change made after the restore would carry a version below the ones already published and be ignored;
 *   <li>keys created after the backup would still work everywhere, although keys-service no longer knows them;
 *   <li>keys revoked after the backup would come back to life at their next change.
 * </ul>
 * In one transaction it moves the version sequence past the topic's highest version, revokes in the database every
 * key the topic says was revoked (a revocation is never undone: the key may have leaked), republishes every key's
 * state, and publishes as revoked every key the database does not know. Partner states that differ (e.g. a
 * suspension decided after the backup) are reported, not guessed: the operator decides them again.
 */
@ApplicationScoped
public class CredentialResync {
    private static final Logger LOG = Logger.getLogger(CredentialResync.class);

    private final UnitOfWork tx;
    private final ApiKeyStore keys;
    private final PartnerStore partners;
    private final CredentialPublisher publisher;
    private final PublishedCredentials published;
    private final Outbox outbox;
    private final Vertx vertx;

    public CredentialResync(
            UnitOfWork tx,
            ApiKeyStore keys,
            PartnerStore partners,
            CredentialPublisher publisher,
            PublishedCredentials published,
            Outbox outbox,
            Vertx vertx) {
        this.vertx = vertx;
        this.tx = tx;
        this.keys = keys;
        this.partners = partners;
        this.publisher = publisher;
        this.published = published;
        this.outbox = outbox;
    }

    /** A key the topic knew and the restored database did not: published as revoked. */
    public record UnknownKey(String keyId, String partnerId, String environment) {}

    /** A partner whose published status differs from the restored database's. */
    public record StatusDifference(String partnerId, String databaseStatus, String publishedStatus) {}

    public record Result(
            long highestPublishedVersion,
            int republished,
            List<String> revokedFromTopic,
            List<UnknownKey> unknownKeysRevoked,
            List<StatusDifference> partnerStatusDifferences) {}

    public Uni<Result> resync(String operator, String correlationId) {
        // The topic is read by a blocking client off the event loop; executeBlocking comes back on this request's
        // context, where the transaction must run.
        return vertx.executeBlocking(Uni.createFrom().item(published::newestByKeyId))
                .chain(onTopic -> tx.write(() -> apply(onTopic, correlationId)))
                .invoke(r -> LOG.infof(
                        "credentials resync by %s: highest published version %d, %d keys republished, %d revoked as"
                                + " the topic said, %d unknown keys revoked, %d partner status differences",
                        operator,
                        r.highestPublishedVersion(),
                        r.republished(),
                        r.revokedFromTopic().size(),
                        r.unknownKeysRevoked().size(),
                        r.partnerStatusDifferences().size()));
    }

    private Uni<Result> apply(Map<String, CredentialData> onTopic, String correlationId) {
        long highest = onTopic.values().stream()
                .mapToLong(CredentialData::version)
                .max()
                .orElse(0);
        return keys.advanceCredentialVersionPast(highest)
                .chain(partners::all)
                .chain(all -> keys.allForUpdate().chain(stored -> {
                    Map<String, Partner> byId = all.stream().collect(Collectors.toMap(p -> p.id, Function.identity()));
                    List<String> revokedFromTopic = new ArrayList<>();
                    Map<String, StatusDifference> differences = new HashMap<>();
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (ApiKey key : stored) {
                        Partner partner = byId.get(key.partnerId);
                        CredentialData seen = onTopic.get(key.id);
                        if (seen != null && seen.revoked() && key.revokedAt == null) {
                            key.revokedAt = tx.now();
                            key.active = false;
                            key.updatedAt = key.revokedAt;
                            revokedFromTopic.add(key.id);
                        }
                        if (seen != null && !seen.partnerStatus().equals(partner.status.name())) {
                            differences.putIfAbsent(
                                    partner.id,
                                    new StatusDifference(partner.id, partner.status.name(), seen.partnerStatus()));
                        }
                        chain = chain.chain(() -> publisher.publish(key, partner, correlationId));
                    }
                    Set<String> known = stored.stream().map(k -> k.id).collect(Collectors.toSet());
                    List<UnknownKey> unknown = onTopic.values().stream()
                            .filter(c -> !known.contains(c.keyId()))
                            .sorted(Comparator.comparing(CredentialData::keyId))
                            .map(c -> new UnknownKey(c.keyId(), c.partnerId(), c.environment()))
                            .toList();
                    for (UnknownKey u : unknown) {
                        CredentialData last = onTopic.get(u.keyId());
                        chain = chain.chain(() -> revokeUnknown(last, correlationId));
                    }
                    int republished = stored.size();
                    return chain.replaceWith(() -> new Result(
                            highest,
                            republished,
                            revokedFromTopic,
                            unknown,
                            differences.values().stream()
                                    .sorted(Comparator.comparing(StatusDifference::partnerId))
                                    .toList()));
                }));
    }

    /** Its last published state, revoked, under a new version: every verifier drops the key. */
    private Uni<Void> revokeUnknown(CredentialData last, String correlationId) {
        return keys.nextCredentialVersion().chain(version -> {
            CredentialData revoked = new CredentialData(
                    last.keyId(),
                    last.partnerId(),
                    last.environment(),
                    last.publicKey(),
                    last.secretKeyHash(),
                    last.hmacSecretSealed(),
                    false,
                    true,
                    last.expiresAt(),
                    last.partnerStatus(),
                    last.productionApproved(),
                    last.tier(),
                    last.rateLimit(),
                    last.ipAllowlist(),
                    last.enabledFeatures(),
                    last.allowedOrigins(),
                    last.tipEnabled(),
                    last.tipDefaultPercent(),
                    version);
            EventEnvelope event = EventEnvelope.of(
                    EventTypes.CREDENTIAL_UPDATED,
                    last.partnerId(),
                    Environment.fromWire(last.environment()),
                    correlationId,
                    revoked);
            return outbox.enqueue(Topics.CREDENTIALS, last.keyId(), event);
        });
    }
}
