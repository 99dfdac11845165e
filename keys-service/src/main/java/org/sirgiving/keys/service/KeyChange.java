package org.sirgiving.keys.service;

import java.time.Instant;
import org.sirgiving.keys.domain.ApiKey;

/**
 * A validated key patch ({@code {name?, isActive?, expiresAt?}}): null fields stay as they are; {@code expirySet}
 * with a null {@code expiresAt} removes the expiry.
 */
public record KeyChange(String name, Boolean active, boolean expirySet, Instant expiresAt) {

    void applyTo(ApiKey key) {
        if (name != null) {
            key.name = name;
        }
        if (active != null) {
            key.active = active;
        }
        if (expirySet) {
            key.expiresAt = expiresAt;
            // A new expiry date earns a new notice.
            key.expiryNotifiedAt = null;
        }
    }
}
