package org.sirgiving.kernel.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.sirgiving.kernel.errors.ErrorCode;

/**
 * What every service does to a request before any resource sees it: assign the request id, refuse bodies over
 * 64 KiB, and buffer the body so that the signature is checked over exactly the bytes received.
 */
@ApplicationScoped
public class HttpEdge {
    public static final int MAX_BODY_BYTES = 64 * 1024;

    void install(@Observes Router router) {
        router.route().order(-1000).handler(rc -> {
            RequestIds.assign(rc);
            rc.next();
        });
        BodyHandler body =
                BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES).setHandleFileUploads(false);
        router.route("/v1/*")
                .order(-999)
                .handler(rc -> {
                    String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
                    if (length != null && tooLarge(length)) {
                        ErrorResponses.send(rc, ErrorCode.PAYLOAD_TOO_LARGE, "The body is larger than 64 KiB");
                        return;
                    }
                    body.handle(rc);
                })
                .failureHandler(HttpEdge::onFailure);
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
        } else {
            rc.next();
        }
    }
}
