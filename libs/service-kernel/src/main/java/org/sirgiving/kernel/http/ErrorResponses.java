package org.sirgiving.kernel.http;

import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.sirgiving.events.EventJson;
import org.sirgiving.kernel.errors.ApiError;
import org.sirgiving.kernel.errors.ErrorCode;

/** Writes the contract's error body straight onto a Vert.x response (for failures before Quarkus REST runs). */
public final class ErrorResponses {
    public static void send(RoutingContext rc, ErrorCode code, String message) {
        send(rc, code, message, null);
    }

    public static void send(RoutingContext rc, ErrorCode code, String message, List<ApiError.FieldError> details) {
        ApiError body = new ApiError(code.status(), code.name(), message, RequestIds.of(rc), details, null);
        rc.response()
                .setStatusCode(code.status())
                .putHeader("Content-Type", "application/json")
                .putHeader("Connection", "close")
                .end(EventJson.write(body));
    }

    private ErrorResponses() {}
}
