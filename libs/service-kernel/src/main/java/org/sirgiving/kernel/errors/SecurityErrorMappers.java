package org.sirgiving.kernel.errors;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.sirgiving.kernel.http.RequestIds;

/** User-JWT failures (keys management, operators) in the contract's error body: 401 INVALID_TOKEN, 403 FORBIDDEN. */
public class SecurityErrorMappers {

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthenticated(RuntimeException e, RoutingContext rc) {
        return of(ErrorCode.INVALID_TOKEN, "A valid user token (Authorization: Bearer) is required", rc)
                .header("WWW-Authenticate", "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, RoutingContext rc) {
        return of(ErrorCode.FORBIDDEN, "This operation is not allowed for this user", rc)
                .build();
    }

    private static Response.ResponseBuilder of(ErrorCode code, String message, RoutingContext rc) {
        return Response.status(code.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(code.status(), code.name(), message, RequestIds.of(rc), null, null));
    }
}
