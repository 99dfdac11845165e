package org.sirgiving.events.payload;

import java.time.Instant;

/** data of {@code apiKey.expiring}: a key that stops working soon, for the partner's contact to renew. */
public record ApiKeyExpiring(
        String keyId, String name, String environment, String publicKey, Instant expiresAt, String contactEmail) {}
