package org.sirgiving.events.payload;

import java.time.Instant;
import java.util.List;

/**
 * One API key and what every verifier needs to know about its partner, as published on the compacted
 * {@code sir.credentials.v1} topic (record key = key id). The secret key travels only as its SHA-256 hash and
 * the HMAC secret only sealed (AES-GCM under the platform key named in the sealed string).
 * {@code version} grows with every change so that a verifier never replaces newer state with older.
 *
 * <p>The widget settings of the key's (partner, environment) travel with it: {@code allowedOrigins} (the browser
 * origins its publishable key may be used from; empty: none, but loopback in sandbox) and the tip settings. Records
 * published before they existed read as no origins and tips off.
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
        List<String> allowedOrigins,
        boolean tipEnabled,
        int tipDefaultPercent,
        long version) {

    /** A key without widget settings: no allowed origins, tips off. */
    public CredentialData(
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
            long version) {
        this(
                keyId,
                partnerId,
                environment,
                publicKey,
                secretKeyHash,
                hmacSecretSealed,
                active,
                revoked,
                expiresAt,
                partnerStatus,
                productionApproved,
                tier,
                rateLimit,
                ipAllowlist,
                enabledFeatures,
                List.of(),
                false,
                0,
                version);
    }

    /** The same key with other widget settings (a new state: give it a higher version to publish it). */
    public CredentialData withWidgetSettings(
            List<String> allowedOrigins, boolean tipEnabled, int tipDefaultPercent, long version) {
        return new CredentialData(
                keyId,
                partnerId,
                environment,
                publicKey,
                secretKeyHash,
                hmacSecretSealed,
                active,
                revoked,
                expiresAt,
                partnerStatus,
                productionApproved,
                tier,
                rateLimit,
                ipAllowlist,
                enabledFeatures,
                allowedOrigins,
                tipEnabled,
                tipDefaultPercent,
                version);
    }
}
