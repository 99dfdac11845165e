package org.sirgiving.keys.api;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sirgiving.keys.service.PartnerService;

/** {@code GET /v1/partner/auth/me}: the signed-in user, their partner and its active publishable key. */
@Path("/v1/partner/auth")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Keys")
public class AuthResource {
    private final PartnerService partners;
    private final JsonWebToken jwt;

    public AuthResource(PartnerService partners, JsonWebToken jwt) {
        this.partners = partners;
        this.jwt = jwt;
    }

    @GET
    @Path("/me")
    public Uni<PartnerDtos.Me> me() {
        PartnerDtos.Me.User user =
                new PartnerDtos.Me.User(jwt.getSubject(), jwt.getClaim("email"), jwt.getClaim("name"));
        return partners.me(jwt.getSubject())
                .map(me -> new PartnerDtos.Me(
                        user,
                        me.partner() == null ? null : PartnerDtos.PartnerInfo.of(me.partner(), me.newestRequest()),
                        me.activePublishableKey()));
    }
}
