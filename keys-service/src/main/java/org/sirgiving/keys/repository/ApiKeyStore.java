package org.sirgiving.keys.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import org.sirgiving.events.Environment;
import org.sirgiving.keys.domain.ApiKey;

/** API keys (table api_keys) and the credential version sequence that orders their published states. */
@ApplicationScoped
public class ApiKeyStore {

    public Uni<ApiKey> insert(ApiKey key) {
        return key.persist();
    }

    /** The partner's keys that were not revoked, newest first. */
    public Uni<List<ApiKey>> liveKeysOf(String partnerId) {
        return ApiKey.<ApiKey>find("partnerId = ?1 and revokedAt is null order by createdAt desc", partnerId)
                .list();
    }

    /** How many of the partner's keys in the environment were not revoked. */
    public Uni<Long> countLive(String partnerId, Environment environment) {
        return ApiKey.count("partnerId = ?1 and environment = ?2 and revokedAt is null", partnerId, environment);
    }

    /** A key of this partner that was not revoked; another partner's key is "not found" (null). */
    public Uni<ApiKey> liveKeyOf(String partnerId, String keyId) {
        return ApiKey.<ApiKey>find("id = ?1 and partnerId = ?2 and revokedAt is null", keyId, partnerId)
                .firstResult();
    }

    /** The same, locked until the transaction ends (the caller changes it). */
    public Uni<ApiKey> liveKeyOfForUpdate(String partnerId, String keyId) {
        return ApiKey.<ApiKey>find("id = ?1 and partnerId = ?2 and revokedAt is null", keyId, partnerId)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }

    /** The partner's newest key that works (not revoked, active), or null. */
    public Uni<ApiKey> newestActiveOf(String partnerId) {
        return ApiKey.<ApiKey>find(
                        "partnerId = ?1 and revokedAt is null and active = true order by createdAt desc", partnerId)
                .firstResult();
    }

    public Uni<ApiKey> byPublicKey(String publicKey) {
        return ApiKey.find("publicKey", publicKey).firstResult();
    }

    public Uni<ApiKey> bySecretKeyHash(String secretKeyHash) {
        return ApiKey.find("secretKeyHash", secretKeyHash).firstResult();
    }

    /**
     * Up to {@code limit} keys that expire in {@code (now, horizon]} and were not yet announced, locked; rows another
     * replica holds are skipped (SKIP LOCKED), so replicas never announce one expiry twice.
     */
    public Uni<List<ApiKey>> claimExpiring(Instant now, Instant horizon, int limit) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "SELECT * FROM api_keys WHERE expires_at IS NOT NULL AND expires_at > :now"
                                        + " AND expires_at <= :horizon AND expiry_notified_at IS NULL"
                                        + " AND revoked_at IS NULL LIMIT :limit FOR UPDATE SKIP LOCKED",
                                ApiKey.class)
                        .setParameter("now", now)
                        .setParameter("horizon", horizon)
                        .setParameter("limit", limit)
                        .getResultList());
    }

    /** The next credential version: it orders every published key state, so no verifier keeps older state. */
    public Uni<Long> nextCredentialVersion() {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("SELECT nextval('credential_version_seq')", Long.class)
                        .getSingleResult());
    }

    /** Every key, revoked ones included, locked (a resync republishes them all). */
    public Uni<List<ApiKey>> allForUpdate() {
        return ApiKey.<ApiKey>find("order by id")
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }

    /**
     * Moves the credential version sequence past {@code version}, if it is not already: after a restore the database's
     * sequence can lie behind versions already published, which every verifier would then ignore.
     */
    public Uni<Void> advanceCredentialVersionPast(long version) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "SELECT setval('credential_version_seq', GREATEST(:version,"
                                        + " (SELECT last_value FROM credential_version_seq)))",
                                Long.class)
                        .setParameter("version", version)
                        .getSingleResult())
                .replaceWithVoid();
    }
}
