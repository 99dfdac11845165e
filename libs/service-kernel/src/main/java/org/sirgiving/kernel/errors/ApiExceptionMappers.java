package org.sirgiving.kernel.errors;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.vertx.ext.web.RoutingContext;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.sirgiving.events.EventJson;
import org.sirgiving.kernel.http.RequestIds;
import org.sirgiving.kernel.validation.StorableStrings;
import org.sirgiving.kernel.validation.StorableText;

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

    /**
     * A body that is not complete JSON — cut short anywhere (inside a string, after a key or a comma, inside an array),
     * or broken — is 400 INVALID_JSON, whatever field the reader had reached; a body that is JSON but of the wrong shape
     * (a number where a string belongs, a number too large) is 400 VALIDATION_FAILED naming the field. Classified by
     * Jackson's exception types: the parser's {@link JsonParseException} (including its end-of-input subclass) even
     * when the reader wrapped it with the field's path, versus {@link JsonMappingException}s.
     */
    @ServerExceptionMapper({StreamReadException.class})
    public Response malformed(StreamReadException e, RoutingContext rc) {
        if (e instanceof JsonParseException) {
            return notJson(rc);
        }
        return wrongType("body", "has the wrong type or format", rc);
    }

    @ServerExceptionMapper({MismatchedInputException.class, InvalidFormatException.class, JsonMappingException.class})
    public Response wrongShape(JsonMappingException e, RoutingContext rc) {
        if (brokenJson(e) || !wellFormed(rc)) {
            return notJson(rc);
        }
        if (e instanceof MismatchedInputException m && m.getPath().isEmpty()) {
            return body(ErrorCode.INVALID_JSON, "The body is missing or is not a JSON object", null, null, rc)
                    .build();
        }
        String field = e.getPath().stream()
                .map(r -> r.getFieldName() != null
                        ? StorableText.Rule.printable(r.getFieldName())
                        : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
        String problem =
                e instanceof StorableStrings.Unstorable ? e.getOriginalMessage() : "has the wrong type or format";
        return wrongType(field.isEmpty() ? "body" : field, problem, rc);
    }

    /**
     * Whether the body received is complete JSON. The reader stops at the first problem, and in a body both cut short
     * and of the wrong shape ({@code {"name":["x",}) that is the shape: the whole body is read through here, on this
     * error path only, so that "not JSON" always wins.
     */
    private static boolean wellFormed(RoutingContext rc) {
        if (rc == null || rc.body() == null || rc.body().buffer() == null) {
            return true;
        }
        try (JsonParser parser =
                EventJson.MAPPER.getFactory().createParser(rc.body().buffer().getBytes())) {
            while (parser.nextToken() != null) {
                // every token read: a JsonParseException says where the body stops being JSON
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean brokenJson(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonParseException) {
                return true;
            }
        }
        return false;
    }

    private Response notJson(RoutingContext rc) {
        return body(ErrorCode.INVALID_JSON, "The body is not valid JSON", null, null, rc)
                .build();
    }

    private Response wrongType(String field, String problem, RoutingContext rc) {
        return body(
                        ErrorCode.VALIDATION_FAILED,
                        "The request has invalid fields",
                        List.of(new ApiError.FieldError(field, problem)),
                        null,
                        rc)
                .build();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, RoutingContext rc) {
        if (e.getConstraintViolations().stream().anyMatch(ApiExceptionMappers::isMissingBody)) {
            return missingBody(rc);
        }
        List<ApiError.FieldError> details = e.getConstraintViolations().stream()
                .map(v -> new ApiError.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(ApiError.FieldError::field))
                .toList();
        return body(ErrorCode.VALIDATION_FAILED, "The request has invalid fields", details, null, rc)
                .build();
    }

    static final String MISSING_BODY = "A request body is required";

    private Response missingBody(RoutingContext rc) {
        return body(
                        ErrorCode.VALIDATION_FAILED,
                        MISSING_BODY,
                        List.of(new ApiError.FieldError("body", "is required")),
                        null,
                        rc)
                .build();
    }

    private static boolean noBody(RoutingContext rc) {
        return rc != null
                && (rc.body() == null
                        || rc.body().buffer() == null
                        || rc.body().buffer().length() == 0);
    }

    /**
     * An empty body reads as a null entity, which every body parameter refuses with {@code @NotNull} (the only method
     * parameters so annotated): one answer for it everywhere, 400 VALIDATION_FAILED "A request body is required"
     * (docs/partner-api.md section 9).
     */
    private static boolean isMissingBody(ConstraintViolation<?> v) {
        Path.Node leaf = null;
        for (Path.Node node : v.getPropertyPath()) {
            leaf = node;
        }
        return leaf != null
                && leaf.getKind() == ElementKind.PARAMETER
                && v.getInvalidValue() == null
                && v.getConstraintDescriptor().getAnnotation() instanceof NotNull;
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
        if (cause instanceof StreamReadException broken) {
            return malformed(broken, rc);
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
        if (e instanceof NotSupportedException && noBody(rc)) {
            // with no body its Content-Type (none, or a client's form default) says nothing: the missing body is the
            // mistake to report, as it is under application/json
            return missingBody(rc);
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
