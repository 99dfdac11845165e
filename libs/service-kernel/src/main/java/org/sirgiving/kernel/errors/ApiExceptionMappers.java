package org.sirgiving.kernel.errors;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.vertx.ext.web.RoutingContext;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.sirgiving.kernel.http.RequestIds;

/**
 * Maps every failure to the error body of docs/partner-api.md section 9. Client mistakes never become a 500, and no
 * response carries a stack trace; unexpected failures are logged with the request id.
 */
public class ApiExceptionMappers {
    private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e, RoutingContext rc) {
        Response.ResponseBuilder rb = body(e.code(), e.getMessage(), e.details(), e.result(), rc);
        e.headers().forEach(rb::header);
        return rb.build();
    }

    @ServerExceptionMapper({JsonParseException.class})
    public Response malformed(Exception e, RoutingContext rc) {
        return body(ErrorCode.INVALID_JSON, "The body is not valid JSON", null, null, rc)
                .build();
    }

    @ServerExceptionMapper({MismatchedInputException.class, InvalidFormatException.class, JsonMappingException.class})
    public Response wrongShape(JsonMappingException e, RoutingContext rc) {
        if (e instanceof MismatchedInputException m && m.getPath().isEmpty()) {
            return body(ErrorCode.INVALID_JSON, "The body is missing or is not a JSON object", null, null, rc)
                    .build();
        }
        String field = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
        return body(
                        ErrorCode.VALIDATION_FAILED,
                        "The request has invalid fields",
                        List.of(new ApiError.FieldError(
                                field.isEmpty() ? "body" : field, "has the wrong type or format")),
                        null,
                        rc)
                .build();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, RoutingContext rc) {
        List<ApiError.FieldError> details = e.getConstraintViolations().stream()
                .map(v -> new ApiError.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(ApiError.FieldError::field))
                .toList();
        return body(ErrorCode.VALIDATION_FAILED, "The request has invalid fields", details, null, rc)
                .build();
    }

    /** "submit.request.stakeholders[0].partnerUserId" → "stakeholders[0].partnerUserId": the path inside the body. */
    private static String fieldOf(ConstraintViolation<?> v) {
        StringBuilder out = new StringBuilder();
        for (Path.Node node : v.getPropertyPath()) {
            ElementKind kind = node.getKind();
            if (kind != ElementKind.PROPERTY && kind != ElementKind.CONTAINER_ELEMENT && kind != ElementKind.BEAN) {
                continue;
            }
            if (node.isInIterable()) {
                out.append('[')
                        .append(node.getIndex() != null ? node.getIndex() : node.getKey())
                        .append(']');
            }
            if (kind == ElementKind.PROPERTY && node.getName() != null) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(node.getName());
            }
        }
        return out.length() == 0 ? "body" : out.toString();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, RoutingContext rc) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonParseException) {
            return malformed((Exception) cause, rc);
        }
        if (cause instanceof JsonMappingException jm) {
            return wrongShape(jm, rc);
        }
        if (e instanceof NotFoundException) {
            return body(ErrorCode.NOT_FOUND, "No such resource", null, null, rc).build();
        }
        if (e instanceof NotAllowedException) {
            return body(ErrorCode.METHOD_NOT_ALLOWED, "Method not allowed on this resource", null, null, rc)
                    .build();
        }
        if (e instanceof NotSupportedException) {
            return body(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json", null, null, rc)
                    .build();
        }
        if (e instanceof NotAcceptableException) {
            return body(ErrorCode.NOT_ACCEPTABLE, "This resource answers in application/json", null, null, rc)
                    .build();
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status == 400) {
            return body(ErrorCode.INVALID_JSON, "The request could not be read", null, null, rc)
                    .build();
        }
        if (status >= 500) {
            return unexpected(e, rc);
        }
        return body(ErrorCode.FORBIDDEN, e.getMessage(), null, null, rc)
                .status(status)
                .build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, RoutingContext rc) {
        if (TransientFailure.is(e) || e instanceof FaultToleranceException) {
            return body(
                            ErrorCode.SERVICE_UNAVAILABLE,
                            "A dependency is unavailable; nothing was changed. Retry later.",
                            null,
                            null,
                            rc)
                    .header("Retry-After", "5")
                    .build();
        }
        LOG.errorf(e, "Unexpected failure on request %s", RequestIds.of(rc));
        return body(ErrorCode.INTERNAL_ERROR, "Internal error", null, null, rc).build();
    }

    private static Response.ResponseBuilder body(
            ErrorCode code, String message, List<ApiError.FieldError> details, Object result, RoutingContext rc) {
        return Response.status(code.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(code.status(), code.name(), message, RequestIds.of(rc), details, result));
    }
}
