package org.sirgiving.partnerauth.auth;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Binds the three auth annotations to the one {@link PartnerAuthenticator}. */
public class PartnerAuthFilters {
    private final PartnerAuthenticator authenticator;
    private final PartnerContext context;

    public PartnerAuthFilters(PartnerAuthenticator authenticator, PartnerContext context) {
        this.authenticator = authenticator;
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

    private Uni<Void> authenticate(Surface surface, RoutingContext rc) {
        return authenticator.authenticate(surface, rc).invoke(context::set).replaceWithVoid();
    }
}
