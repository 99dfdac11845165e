package org.sirgiving.events.payload;

import java.time.Instant;
import java.util.List;

/**
 * One API key and what every verifier needs to know about its partner, as published on the compacted
 * {@code sir.credentials.v1} topic (record key = key id). The secret key travels only as its SHA-256 hash and
 * the HMAC secret only sealed (AES-GCM under the platform key named in the sealed string).
 * {@code version} grows with every change so that a verifier never replaces newer state with older.
 */
public record CredentialData(
        String keyId,
        String partnerId,
        String environment,
        String publicKey,
        String secretKeyHash,
        String hmacSecretSealed,
        boolean active,
        boolean revoked,
        Instant expiresAt,
        String partnerStatus,
        boolean productionApproved,
        String tier,
        int rateLimit,
        List<String> ipAllowlist,
        List<String> enabledFeatures,
        long version) {}
