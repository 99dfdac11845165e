package org.sirgiving.partnerauth.credentials;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.sirgiving.events.payload.CredentialData;
import org.sirgiving.kernel.crypto.Crypto;

/**
 * Every service's local view of all API keys, fed by the compacted {@code sir.credentials.v1} topic (each
 * replica reads all of it) and, on a miss, by the {@link CredentialSource} (keys-service). Newer versions of a key
 * always replace older ones, whichever path brought them.
 *
 * <p>Keys the source does not know are remembered briefly (bounded in number), so that a client repeating an unknown
 * key costs keys-service one lookup per TTL, not one per request. Known keys are looked up first and every record
 * from the topic evicts its key's entry, so a key issued right after a failed lookup works as soon as its record
 * arrives.
 */
@ApplicationScoped
public class CredentialCache {
    private final Map<String, CredentialData> byKeyId = new ConcurrentHashMap<>();
    private final Map<String, String> keyIdByLookup = new ConcurrentHashMap<>();
    private final Cache<String, Boolean> unknown;
    private final CredentialSource source;

    public CredentialCache(
            CredentialSource source,
            @ConfigProperty(name = "sir.credentials.unknown-keys.ttl") Duration unknownTtl,
            @ConfigProperty(name = "sir.credentials.unknown-keys.max-size") long unknownMaxSize) {
        this.source = source;
        this.unknown = Caffeine.newBuilder()
                .expireAfterWrite(unknownTtl)
                .maximumSize(unknownMaxSize)
                .build();
    }

    /** Applies a credential state unless a newer one is already known. */
    public void apply(CredentialData c) {
        byKeyId.merge(c.keyId(), c, (old, neu) -> neu.version() >= old.version() ? neu : old);
        keyIdByLookup.put(c.publicKey(), c.keyId());
        keyIdByLookup.put(c.secretKeyHash(), c.keyId());
        unknown.invalidate(c.publicKey());
        unknown.invalidate(c.secretKeyHash());
    }

    /**
     * Finds the key a partner presented in {@code X-Partner-Key}: a publishable key as is, a secret key by its hash
     * (the only form in which secret keys exist anywhere).
     */
    public Uni<Optional<CredentialData>> find(String presentedKey) {
        String lookup = lookupFor(presentedKey);
        String keyId = keyIdByLookup.get(lookup);
        if (keyId != null) {
            return Uni.createFrom().item(Optional.ofNullable(byKeyId.get(keyId)));
        }
        if (unknown.getIfPresent(lookup) != null) {
            return Uni.createFrom().item(Optional.empty());
        }
        boolean secret = presentedKey.startsWith("sk_");
        return source.fetch(secret ? null : lookup, secret ? lookup : null)
                .onFailure(CredentialLookupRefused.class)
                .recoverWithItem(Optional.empty())
                .invoke(found -> {
                    if (found.isPresent()) {
                        apply(found.get());
                    } else if (!keyIdByLookup.containsKey(lookup)) {
                        // Unless the key's record arrived while we asked: then it is known after all.
                        unknown.put(lookup, Boolean.TRUE);
                    }
                })
                .map(found -> found.isPresent()
                        ? Optional.ofNullable(byKeyId.get(found.get().keyId()))
                        : Optional.ofNullable(keyIdByLookup.get(lookup)).map(byKeyId::get));
    }

    /** The cached state of a presented key, if any (no remote call). */
    public Optional<CredentialData> cached(String presentedKey) {
        String keyId = keyIdByLookup.get(lookupFor(presentedKey));
        return keyId == null ? Optional.empty() : Optional.ofNullable(byKeyId.get(keyId));
    }

    /** The cached state of a key id, if any (no remote call). */
    public Optional<CredentialData> byKeyId(String keyId) {
        return Optional.ofNullable(byKeyId.get(keyId));
    }

    /** How many keys are remembered as unknown now (for tests). */
    long unknownKeys() {
        unknown.cleanUp();
        return unknown.estimatedSize();
    }

    public static String lookupFor(String presentedKey) {
        return presentedKey.startsWith("sk_") ? Crypto.sha256Hex(presentedKey) : presentedKey;
    }
}
