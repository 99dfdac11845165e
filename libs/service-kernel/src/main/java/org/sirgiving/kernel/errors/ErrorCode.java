package org.sirgiving.kernel.errors;

/**
 * Every error code of docs/partner-api.md section 9 with its HTTP status, and the few the gateway answers itself
 * (deploy/local/gateway-conf: a request nginx refuses before any service sees it), so that the one {@code ApiError}
 * code enum of the partner document names every code a partner can meet.
 */
public enum ErrorCode {
    INVALID_JSON(400),
    /** Gateway only: not well-formed HTTP. */
    BAD_REQUEST(400),
    VALIDATION_FAILED(400),
    MISSING_CREDENTIALS(401),
    INVALID_API_KEY(401),
    INVALID_SIGNATURE(401),
    TIMESTAMP_OUT_OF_WINDOW(401),
    INVALID_TOKEN(401),
    INSUFFICIENT_POOL(402),
    SECRET_KEY_REQUIRED(403),
    KEY_INACTIVE(403),
    KEY_EXPIRED(403),
    PARTNER_SUSPENDED(403),
    PARTNER_NOT_APPROVED(403),
    IP_NOT_ALLOWED(403),
    /** A widget call from a browser origin the key's environment does not allow (CORS, libs/partner-auth). */
    ORIGIN_NOT_ALLOWED(403),
    FEATURE_DISABLED(403),
    FORBIDDEN(403),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    NOT_ACCEPTABLE(406),
    /** Gateway only: the request was not received in time. */
    REQUEST_TIMEOUT(408),
    IDEMPOTENT(409),
    IDEMPOTENCY_IN_PROGRESS(409),
    CONFLICT(409),
    REQUEST_REPLAYED(409),
    PAYLOAD_TOO_LARGE(413),
    /** Gateway only: the request line is too long. */
    URI_TOO_LONG(414),
    UNSUPPORTED_MEDIA_TYPE(415),
    IDEMPOTENCY_KEY_REUSED(422),
    USER_NOT_FOUND(422),
    UNPROCESSABLE(422),
    RATE_LIMITED(429),
    /** Gateway only: the headers are too large. */
    HEADERS_TOO_LARGE(431),
    INTERNAL_ERROR(500),
    SERVICE_UNAVAILABLE(503);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
