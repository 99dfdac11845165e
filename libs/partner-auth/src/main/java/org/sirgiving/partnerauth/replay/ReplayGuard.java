package org.sirgiving.partnerauth.replay;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ResourceInfo;
import java.util.Locale;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.errors.ErrorCode;
import org.sirgiving.partnerauth.auth.SecretKeyAuth;
import org.sirgiving.partnerauth.auth.SignedAuth;
import org.sirgiving.partnerauth.signing.RequestSigning;

/**
 * A signed mutating request is accepted once, across every replica (docs/partner-api.md section 3): runs after the
 * request authenticated (its signature is verified and within the window), records the signature, and refuses a
 * second use with 409 REQUEST_REPLAYED. Endpoints marked {@link HonoursIdempotencyKey} answer replays carrying their
 * key themselves (409 IDEMPOTENT with the original), and cost no lookup here.
 */
public class ReplayGuard {
    private static final Set<HttpMethod> MUTATING =
            Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    private final UsedSignatures used;

    public ReplayGuard(UsedSignatures used) {
        this.used = used;
    }

    @SignedAuth
    @ServerRequestFilter(priority = Priorities.USER + 100)
    public Uni<Void> signed(RoutingContext rc, ResourceInfo resource) {
        return acceptOnce(rc, resource);
    }

    @SecretKeyAuth
    @ServerRequestFilter(priority = Priorities.USER + 100)
    public Uni<Void> secretKey(RoutingContext rc, ResourceInfo resource) {
        return acceptOnce(rc, resource);
    }

    private Uni<Void> acceptOnce(RoutingContext rc, ResourceInfo resource) {
        if (!MUTATING.contains(rc.request().method()) || answeredByIdempotencyKey(rc, resource)) {
            return Uni.createFrom().voidItem();
        }
        // Both headers were checked by the authentication filter that ran before this one.
        String signature =
                rc.request().getHeader(RequestSigning.HEADER_SIGNATURE).trim().toLowerCase(Locale.ROOT);
        long timestamp = Long.parseLong(
                rc.request().getHeader(RequestSigning.HEADER_TIMESTAMP).trim());
        return used.firstUse(signature, timestamp, RequestSigning.WINDOW_SECONDS)
                .invoke(first -> {
                    if (!first) {
                        throw new ApiException(
                                ErrorCode.REQUEST_REPLAYED,
                                "This signed request was already accepted; sign every request, retries included, with a fresh"
                                        + " X-Timestamp");
                    }
                })
                .replaceWithVoid();
    }

    private static boolean answeredByIdempotencyKey(RoutingContext rc, ResourceInfo resource) {
        HonoursIdempotencyKey honours = resource.getResourceMethod().getAnnotation(HonoursIdempotencyKey.class);
        if (honours == null) {
            return false;
        }
        return switch (honours.value()) {
            case BODY -> true;
            case HEADER -> {
                String key = rc.request().getHeader(HonoursIdempotencyKey.HEADER_NAME);
                yield key != null && !key.isBlank();
            }
        };
    }
}
