package org.sirgiving.sdk;

/**
 * The error codes of docs/partner-api.md section 9. A code this SDK does not know yet (a newer server) is
 * {@link #UNKNOWN}; {@link SirApiException#rawCode()} still has it as sent.
 */
public enum ErrorCode {
    BAD_REQUEST,
    INVALID_JSON,
    VALIDATION_FAILED,
    MISSING_CREDENTIALS,
    INVALID_API_KEY,
    INVALID_SIGNATURE,
    TIMESTAMP_OUT_OF_WINDOW,
    INVALID_TOKEN,
    INSUFFICIENT_POOL,
    SECRET_KEY_REQUIRED,
    KEY_INACTIVE,
    KEY_EXPIRED,
    PARTNER_SUSPENDED,
    PARTNER_NOT_APPROVED,
    IP_NOT_ALLOWED,
    ORIGIN_NOT_ALLOWED,
    FEATURE_DISABLED,
    FORBIDDEN,
    NOT_FOUND,
    METHOD_NOT_ALLOWED,
    NOT_ACCEPTABLE,
    REQUEST_TIMEOUT,
    IDEMPOTENT,
    IDEMPOTENCY_IN_PROGRESS,
    CONFLICT,
    REQUEST_REPLAYED,
    PAYLOAD_TOO_LARGE,
    URI_TOO_LONG,
    UNSUPPORTED_MEDIA_TYPE,
    IDEMPOTENCY_KEY_REUSED,
    USER_NOT_FOUND,
    UNPROCESSABLE,
    RATE_LIMITED,
    HEADERS_TOO_LARGE,
    INTERNAL_ERROR,
    SERVICE_UNAVAILABLE,
    /** A code this version of the SDK does not list. */
    UNKNOWN;

    /** The code for the wire value; {@link #UNKNOWN} for null or a code added after this SDK was built. */
    public static ErrorCode of(String raw) {
        if (raw != null) {
            for (ErrorCode c : values()) {
                if (c != UNKNOWN && c.name().equals(raw)) {
                    return c;
                }
            }
        }
        return UNKNOWN;
    }
}
