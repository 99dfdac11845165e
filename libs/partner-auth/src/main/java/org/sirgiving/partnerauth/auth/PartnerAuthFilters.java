package org.sirgiving.partnerauth.auth;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.errors.ErrorCode;
import org.sirgiving.partnerauth.ratelimit.RateLimitDecision;
import org.sirgiving.partnerauth.ratelimit.RateLimiter;

/**
 * Binds the three auth annotations to the one {@link PartnerAuthenticator}, then charges the request to the
 * partner's rate limit; every authenticated response carries the X-RateLimit-* headers.
 */
public class PartnerAuthFilters {
    private final PartnerAuthenticator authenticator;
    private final RateLimiter rateLimiter;
    private final PartnerContext context;

    public PartnerAuthFilters(PartnerAuthenticator authenticator, RateLimiter rateLimiter, PartnerContext context) {
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
        this.context = context;
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
    }

    private Uni<Void> authenticate(Surface surface, RoutingContext rc) {
        return authenticator
                .authenticate(surface, rc)
                .chain(partner -> rateLimiter.acquire(partner).invoke(decision -> {
                    context.set(partner, decision);
                    if (!decision.allowed()) {
                        ApiException e = new ApiException(
                                ErrorCode.RATE_LIMITED,
                                "Rate limit of " + decision.limit() + " requests per minute reached");
                        decision.headers().forEach(e::withHeader);
                        e.withHeader("Retry-After", String.valueOf(decision.retryAfterSeconds()));
                        throw e;
                    }
                }))
                .replaceWithVoid();
    }
}
