package org.sirgiving.keys.api;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sirgiving.kernel.openapi.OpenApiNames;
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
    @Operation(
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.USER_JWT),
            operationId = "getCurrentUser",
            summary = "Who is signed in",
            description = "The user the token names, their partner (null before their first key) and its newest active"
                    + " publishable key.")
    @APIResponse(
            responseCode = "200",
            description = "The signed-in user.",
            content = @Content(schema = @Schema(implementation = PartnerDtos.Me.class)))
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
