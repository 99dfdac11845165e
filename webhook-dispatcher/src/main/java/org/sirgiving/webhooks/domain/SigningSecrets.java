package org.sirgiving.webhooks.domain;

import java.time.Instant;
import java.util.List;

/**
 * The sealed secrets an endpoint signs with: its current one and, during a rotation's overlap, the one that rotation
 * replaced (null outside an overlap).
 */
public record SigningSecrets(String currentSealed, String previousSealed, Instant previousExpiresAt) {
    /** What signs an attempt made at {@code at}: the current secret first, then the previous one until it expires. */
    public List<String> sealedAt(Instant at) {
        if (previousSealed != null && previousExpiresAt != null && at.isBefore(previousExpiresAt)) {
            return List.of(currentSealed, previousSealed);
        }
        return List.of(currentSealed);
    }
}
