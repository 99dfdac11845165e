package org.sirgiving.kernel.errors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Thrown anywhere to answer with the contract's error body; mapped by {@link ApiExceptionMappers}. */
public class ApiException extends RuntimeException {
    private final ErrorCode code;
    private final List<ApiError.FieldError> details;
    private final Object result;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ApiException(ErrorCode code, String message) {
        this(code, message, null, null);
    }

    public ApiException(ErrorCode code, String message, List<ApiError.FieldError> details, Object result) {
        super(message, null, false, false);
        this.code = code;
        this.details = details;
        this.result = result;
    }

    public static ApiException validation(List<ApiError.FieldError> details) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, "The request has invalid fields", details, null);
    }

    public static ApiException validation(String field, String message) {
        return validation(List.of(new ApiError.FieldError(field, message)));
    }

    /** Same idempotency key, same request: 409 IDEMPOTENT with the original result (docs/partner-api.md section 4). */
    public static ApiException replayed(String what, Object original) {
        return new ApiException(
                        ErrorCode.IDEMPOTENT,
                        "This idempotency key was already used; the original " + what + " is in result",
                        null,
                        original)
                .withHeader("Idempotent-Replayed", "true");
    }

    /** Same idempotency key, another request: 422 IDEMPOTENCY_KEY_REUSED. */
    public static ApiException keyReused() {
        return new ApiException(
                ErrorCode.IDEMPOTENCY_KEY_REUSED, "This idempotency key was used with a different request");
    }

    public static ApiException notFound(String what) {
        return new ApiException(ErrorCode.NOT_FOUND, what + " not found");
    }

    public ApiException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public ErrorCode code() {
        return code;
    }

    public List<ApiError.FieldError> details() {
        return details;
    }

    public Object result() {
        return result;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
