package org.sirgiving.kernel.errors;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The error body of docs/partner-api.md section 9. {@code result} carries the original outcome of an idempotent replay. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(
        int statusCode, String code, String message, String requestId, List<FieldError> details, Object result) {

    public record FieldError(String field, String message) {}
}
