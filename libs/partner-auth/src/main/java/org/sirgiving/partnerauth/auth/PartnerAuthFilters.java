package org.sirgiving.partnerauth.auth;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.sirgiving.events.Environment;
import org.sirgiving.events.payload.CredentialData;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.errors.ErrorCode;
import org.sirgiving.partnerauth.credentials.CredentialCache;
import org.sirgiving.partnerauth.ratelimit.RateLimitDecision;
import org.sirgiving.partnerauth.ratelimit.RateLimiter;
import org.sirgiving.partnerauth.signing.RequestSigning;

/**
 * Binds the three auth annotations to the one {@link PartnerAuthenticator}, then charges the request to the
 * partner's rate limit. Every answer to a known partner carries the X-RateLimit-* headers, including a 401 or 403 of
 * a request that failed authentication, which is charged nothing (docs/partner-api.md section 8).
 */
public class PartnerAuthFilters {
    /** Issued keys are 72 characters; a longer header was never cached, so it is not even hashed to look. */
    private static final int LONGEST_KEY = 128;

    private final PartnerAuthenticator authenticator;
    private final RateLimiter rateLimiter;
    private final PartnerContext context;
    private final CredentialCache credentials;

    public PartnerAuthFilters(
            PartnerAuthenticator authenticator,
            RateLimiter rateLimiter,
            PartnerContext context,
            CredentialCache credentials) {
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
        this.context = context;
        this.credentials = credentials;
    }

    @WidgetAuth
    @ServerRequestFilter
    public Uni<Void> widget(RoutingContext rc) {
        return authenticate(Surface.WIDGET, rc);
    }

    @SignedAuth
    @ServerRequestFilter
    public Uni<Void> signed(RoutingContext rc) {
        return authenticate(Surface.SIGNED, rc);
    }

    @SecretKeyAuth
    @ServerRequestFilter
    public Uni<Void> secretKey(RoutingContext rc) {
        return authenticate(Surface.SECRET_KEY, rc);
    }

    @ServerResponseFilter
    public void rateLimitHeaders(ContainerResponseContext response) {
        RateLimitDecision d = context.rateLimit();
        if (d != null) {
            d.headers().forEach((name, value) -> response.getHeaders().putSingle(name, value));
        }
        String origin = context.allowedOrigin();
        if (origin != null) {
            WidgetCors.allowing(origin)
                    .forEach((name, value) -> response.getHeaders().putSingle(name, value));
        }
    }

    private Uni<Void> authenticate(Surface surface, RoutingContext rc) {
        // Reaching here, a widget call's Origin (if any) was allowed by the authenticator.
        String origin = surface == Surface.WIDGET ? rc.request().getHeader(WidgetCors.ORIGIN) : null;
        return authenticator
                .authenticate(surface, rc)
                .onFailure(ApiException.class)
                .transform(e -> withStanding((ApiException) e, rc))
                .chain(partner -> rateLimiter.acquire(partner).invoke(decision -> {
                    context.set(partner, decision, origin);
                    if (!decision.allowed()) {
                        ApiException e = new ApiException(
                                ErrorCode.RATE_LIMITED,
                                "Rate limit of " + decision.limit() + " requests per minute reached");
                        decision.headers().forEach(e::withHeader);
                        e.withHeader("Retry-After", String.valueOf(decision.retryAfterSeconds()));
                        if (origin != null) {
                            WidgetCors.allowing(origin).forEach(e::withHeader);
                        }
                        throw e;
                    }
                }))
                .replaceWithVoid();
    }

    /**
     * The failed request's answer, with the partner's standing when the key it presented is known (found, not
     * revoked); without budget spent, so that nobody holding a publishable key (it is public) or guessing signatures
     * can exhaust a partner's limit. An unknown key has no partner to tell about.
     */
    private Throwable withStanding(ApiException failure, RoutingContext rc) {
        String presented = rc.request().getHeader(RequestSigning.HEADER_KEY);
        if (presented == null || presented.isBlank() || presented.length() > LONGEST_KEY) {
            return failure;
        }
        Optional<CredentialData> known = credentials.cached(presented.trim()).filter(c -> !c.revoked());
        if (known.isEmpty()) {
            return failure;
        }
        CredentialData c = known.get();
        // A new exception rather than headers added to the one thrown: that one may be shared.
        ApiException answer =
                new ApiException(failure.code(), failure.getMessage(), failure.details(), failure.result());
        failure.headers().forEach(answer::withHeader);
        rateLimiter
                .standing(c.partnerId(), Environment.fromWire(c.environment()), c.rateLimit())
                .headers()
                .forEach(answer::withHeader);
        return answer;
    }
}
