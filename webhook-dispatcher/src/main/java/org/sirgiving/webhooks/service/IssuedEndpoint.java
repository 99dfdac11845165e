package org.sirgiving.webhooks.service;

import java.time.Instant;
import org.sirgiving.webhooks.domain.WebhookEndpoint;

/**
 * An endpoint with its signing secret in clear: the answer of a create and of a rotation, and of nothing else. A
 * rotation's answer also says until when the replaced secret keeps signing ({@code previousSecretExpiresAt}, else null).
 */
public record IssuedEndpoint(WebhookEndpoint endpoint, String secret, Instant previousSecretExpiresAt) {
    public IssuedEndpoint(WebhookEndpoint endpoint, String secret) {
        this(endpoint, secret, null);
    }
}
