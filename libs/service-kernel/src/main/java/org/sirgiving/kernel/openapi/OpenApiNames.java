package org.sirgiving.kernel.openapi;

/**
 * The names every service's OpenAPI annotations share with {@link PartnerApiDocument}: the auth-surface extension and
 * the components it adds. One place, so the four documents merge into one without renaming.
 */
public final class OpenApiNames {
    /** Operation extension naming the auth surface; the filter turns it into security and the generic responses. */
    public static final String AUTH = "x-sir-auth";

    /** {@code X-Partner-Key: pk_…} alone (docs/partner-api.md section 3, widget surface). */
    public static final String WIDGET = "widget";
    /** Key, timestamp and signature; {@code pk_} or {@code sk_}. */
    public static final String SIGNED = "signed";
    /** Signed, and the key must be {@code sk_}. */
    public static final String SECRET_KEY = "secret-key";
    /** {@code Authorization: Bearer <user JWT>}: key management. */
    public static final String USER_JWT = "user-jwt";
    /** {@code Authorization: Bearer <operator JWT>}: {@code /v1/admin/…}. */
    public static final String OPERATOR_JWT = "operator-jwt";

    // Security schemes.
    public static final String SCHEME_PARTNER_KEY = "PartnerKey";
    public static final String SCHEME_TIMESTAMP = "Timestamp";
    public static final String SCHEME_SIGNATURE = "Signature";
    public static final String SCHEME_USER_JWT = "UserJwt";
    public static final String SCHEME_OPERATOR_JWT = "OperatorJwt";

    // Schemas.
    public static final String SCHEMA_API_ERROR = "ApiError";
    public static final String SCHEMA_API_FIELD_ERROR = "ApiFieldError";

    // Headers (components.headers keys are the header names themselves).
    public static final String HEADER_REQUEST_ID = "X-Request-Id";
    public static final String HEADER_RATE_LIMIT = "X-RateLimit-Limit";
    public static final String HEADER_RATE_REMAINING = "X-RateLimit-Remaining";
    public static final String HEADER_RATE_RESET = "X-RateLimit-Reset";
    public static final String HEADER_RETRY_AFTER = "Retry-After";
    public static final String HEADER_IDEMPOTENT_REPLAYED = "Idempotent-Replayed";
    /** CORS, on answers to widget calls from an allowed browser origin (libs/partner-auth WidgetCors). */
    public static final String HEADER_ALLOW_ORIGIN = "Access-Control-Allow-Origin";

    public static final String HEADER_EXPOSE_HEADERS = "Access-Control-Expose-Headers";
    public static final String HEADER_VARY = "Vary";

    // Parameters: a list's paging (kernel Page.Request), one definition for every list.
    public static final String PAGE = "Page";
    public static final String LIMIT = "Limit";

    // Responses.
    public static final String BAD_REQUEST = "BadRequest";
    public static final String UNAUTHORIZED = "Unauthorized";
    public static final String PAYMENT_REQUIRED = "PaymentRequired";
    public static final String FORBIDDEN = "Forbidden";
    public static final String NOT_FOUND = "NotFound";
    public static final String CONFLICT = "Conflict";
    public static final String PAYLOAD_TOO_LARGE = "PayloadTooLarge";
    public static final String UNSUPPORTED_MEDIA_TYPE = "UnsupportedMediaType";
    public static final String UNPROCESSABLE = "Unprocessable";
    public static final String RATE_LIMITED = "RateLimited";
    public static final String SERVICE_UNAVAILABLE = "ServiceUnavailable";

    private OpenApiNames() {}
}
