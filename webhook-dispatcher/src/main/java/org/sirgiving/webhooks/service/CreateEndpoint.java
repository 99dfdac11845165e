package org.sirgiving.webhooks.service;

import java.util.List;
import java.util.Map;

/**
 * Register an endpoint (docs/partner-api.md section 6), optionally under an {@code Idempotency-Key}: the same key with
 * the same {@code requestFingerprint} answers the endpoint made first.
 *
 * @param eventTypes        null or empty with {@code receiveAllEvents}
 * @param headers           null: none
 * @param idempotencyKey    null: none
 * @param requestFingerprint the request body's {@code RequestFingerprint}
 */
public record CreateEndpoint(
        String url,
        String description,
        List<String> eventTypes,
        boolean receiveAllEvents,
        Map<String, String> headers,
        String idempotencyKey,
        String requestFingerprint) {}
