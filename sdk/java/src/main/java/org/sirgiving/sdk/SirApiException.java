package org.sirgiving.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An error answer of the API (docs/partner-api.md section 9): {@code {statusCode, code, message, requestId, details,
 * result}}. Quote {@link #requestId()} to SIR Giving support. Some refusals carry the object they refused in
 * {@code result}: a submit refused with 402 {@code INSUFFICIENT_POOL} or 422 carries the failed action
 * ({@link #resultAs(Class)}).
 */
public class SirApiException extends RuntimeException {
    private final int statusCode;
    private final ErrorCode code;
    private final String rawCode;
    private final String errorMessage;
    private final String requestId;
    private final List<FieldError> details;
    private final Duration retryAfter;
    private final JsonNode result;
    private final transient ObjectMapper json;

    public SirApiException(
            int statusCode,
            String rawCode,
            String message,
            String requestId,
            List<FieldError> details,
            Duration retryAfter,
            JsonNode result,
            ObjectMapper json) {
        super(statusCode + " " + rawCode + ": " + message
                + (requestId == null ? "" : " (requestId " + requestId + ")"));
        this.statusCode = statusCode;
        this.code = ErrorCode.of(rawCode);
        this.rawCode = rawCode;
        this.requestId = requestId;
        this.details = details == null ? List.of() : List.copyOf(details);
        this.retryAfter = retryAfter;
        this.result = result;
        this.json = json;
        this.errorMessage = message;
    }

    public int statusCode() {
        return statusCode;
    }

    /** The code as this SDK knows it; {@link ErrorCode#UNKNOWN} for a newer one (see {@link #rawCode()}). */
    public ErrorCode code() {
        return code;
    }

    /** The code exactly as the server sent it. */
    public String rawCode() {
        return rawCode;
    }

    /** The server's message, meant for people (not to be matched on: use {@link #code()}). */
    public String errorMessage() {
        return errorMessage;
    }

    /** The request's id ({@code req_…}) from the body, or the {@code X-Request-Id} header. */
    public String requestId() {
        return requestId;
    }

    /** Which fields were wrong (400 {@code VALIDATION_FAILED} and others); empty when none. */
    public List<FieldError> details() {
        return details;
    }

    /** The {@code Retry-After} the server asked for (429, 503, 409 {@code IDEMPOTENCY_IN_PROGRESS}). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The {@code result} of the error body, when it has one. */
    public Optional<JsonNode> result() {
        return Optional.ofNullable(result).filter(r -> !r.isNull() && !r.isMissingNode());
    }

    /** The {@code result} read as a model (e.g. the failed action of a 402). */
    public <T> Optional<T> resultAs(Class<T> type) {
        return result().map(r -> {
            try {
                return json.treeToValue(r, type);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("The error's result is not a " + type.getSimpleName(), e);
            }
        });
    }
}
