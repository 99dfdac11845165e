package org.sirgiving.kernel.http;

import io.opentelemetry.api.trace.Span;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.MDC;
import org.sirgiving.kernel.errors.ApiError;
import org.sirgiving.kernel.errors.ErrorCode;

/**
 * What every service does to a request before any resource sees it: assign the request id (response header, log
 * context, span attribute), refuse a path or query
 * that is not clean text ({@link UrlText}), refuse bodies over 64 KiB, and buffer the body so that the signature is
 * checked over exactly the bytes received.
 */
@ApplicationScoped
public class HttpEdge {
    public static final int MAX_BODY_BYTES = 64 * 1024;

    void install(@Observes Router router) {
        router.route().order(-1000).handler(rc -> {
            String requestId = RequestIds.assign(rc);
            // Every log line of the request carries its id (the MDC lives on the request's Vert.x context), and so
            // does its server span, so a trace is found from the id a partner quotes.
            MDC.put(RequestIds.MDC_KEY, requestId);
            Span.current().setAttribute(RequestIds.SPAN_ATTRIBUTE, requestId);
            rc.next();
        });
        BodyHandler body =
                BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES).setHandleFileUploads(false);
        router.route("/v1/*")
                .order(-999)
                .handler(rc -> {
                    List<ApiError.FieldError> unclean =
                            UrlText.problems(rc.request().path(), rc.request().query());
                    if (!unclean.isEmpty()) {
                        ErrorResponses.send(
                                rc, ErrorCode.VALIDATION_FAILED, "The request has invalid parameters", unclean);
                        return;
                    }
                    String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
                    if (length != null && tooLarge(length)) {
                        ErrorResponses.send(rc, ErrorCode.PAYLOAD_TOO_LARGE, "The body is larger than 64 KiB");
                        return;
                    }
                    if (formEncoded(rc.request().getHeader(HttpHeaders.CONTENT_TYPE))) {
                        if (hasBody(rc)) {
                            ErrorResponses.send(
                                    rc, ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Request bodies are JSON (application/json)");
                        } else {
                            rc.next(); // nothing to read: the resource decides (a missing body, or none needed)
                        }
                        return;
                    }
                    body.handle(rc);
                })
                .handler(HttpEdge::bodyNeverAbsent)
                .failureHandler(HttpEdge::onFailure);
    }

    /**
     * A request that sent no bytes leaves no body buffer, and Quarkus REST then waits to read the body from a request
     * that has already ended: it never answers. An empty buffer instead reads as an empty body, which the resource
     * refuses at once (docs/partner-api.md section 9) or, where it takes no body, ignores.
     */
    @SuppressWarnings("deprecation")
    private static void bodyNeverAbsent(RoutingContext rc) {
        if (rc.body().buffer() == null) {
            rc.setBody(Buffer.buffer());
        }
        rc.next();
    }

    /**
     * Form and multipart bodies are refused before the body handler: it would decode them as form attributes and fail
     * outside Quarkus REST (a bare 500), and no operation of the API takes them (docs/partner-api.md section 9).
     */
    private static boolean formEncoded(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.trim().toLowerCase(Locale.ROOT);
        return type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/");
    }

    /** Without a body, a form Content-Type (some clients' default) says nothing: the resource decides. */
    private static boolean hasBody(RoutingContext rc) {
        String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        return rc.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null
                || (length != null && !length.trim().equals("0"));
    }

    private static boolean tooLarge(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > MAX_BODY_BYTES;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void onFailure(RoutingContext rc) {
        if (rc.response().ended()) {
            return;
        }
        if (rc.statusCode() == 413) {
            ErrorResponses.send(rc, ErrorCode.PAYLOAD_TOO_LARGE, "The body is larger than 64 KiB");
        } else if (rc.statusCode() >= 400 && rc.statusCode() < 500) {
            // The body handler refused what it read (a broken chunked or form body): a client error.
            ErrorResponses.send(rc, ErrorCode.VALIDATION_FAILED, "The request body could not be read");
        } else {
            rc.next();
        }
    }
}
