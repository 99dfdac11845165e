package org.sirgiving.partnerauth.credentials;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.sirgiving.events.payload.CredentialData;
import org.sirgiving.kernel.crypto.Crypto;

/**
 * Every service's local view of all API keys, fed by the compacted {@code sir.credentials.v1} topic (each
 * replica reads all of it) and, on a miss, by the {@link CredentialSource} (keys-service). Newer versions of a key
 * always replace older ones, whichever path brought them.
 */
@ApplicationScoped
public class CredentialCache {
    private final Map<String, CredentialData> byKeyId = new ConcurrentHashMap<>();
    private final Map<String, String> keyIdByLookup = new ConcurrentHashMap<>();
    private final CredentialSource source;

    public CredentialCache(CredentialSource source) {
        this.source = source;
    }

    /** Applies a credential state unless a newer one is already known. */
    public void apply(CredentialData c) {
        byKeyId.merge(c.keyId(), c, (old, neu) -> neu.version() >= old.version() ? neu : old);
        keyIdByLookup.put(c.publicKey(), c.keyId());
        keyIdByLookup.put(c.secretKeyHash(), c.keyId());
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
        boolean secret = presentedKey.startsWith("sk_");
        return source.fetch(secret ? null : lookup, secret ? lookup : null)
                .invoke(found -> found.ifPresent(this::apply))
                .map(found -> found.map(c -> byKeyId.get(c.keyId())));
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

    public static String lookupFor(String presentedKey) {
        return presentedKey.startsWith("sk_") ? Crypto.sha256Hex(presentedKey) : presentedKey;
    }
}
