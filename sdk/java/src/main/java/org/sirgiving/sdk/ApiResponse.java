package org.sirgiving.sdk;

import java.util.Optional;

/**
 * A successful answer with what came with it. {@code replayed} is true when the server answered 409 {@code IDEMPOTENT}
 * (the idempotency key was used before with the same request) and {@code data} is the original result from it.
 */
public record ApiResponse<T>(int statusCode, T data, String requestId, boolean replayed, RateLimit rateLimit) {
    /** The rate-limit headers of docs/partner-api.md section 8, when the answer had them. */
    public Optional<RateLimit> rateLimitInfo() {
        return Optional.ofNullable(rateLimit);
    }
}
