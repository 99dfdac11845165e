package org.sirgiving.keys.api;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sirgiving.kernel.http.RequestIds;
import org.sirgiving.keys.service.CredentialResync;

/**
 * Operators (JWT with the {@code operator} group): after keys-service's database was restored from a backup, puts the
 * credentials topic back in line with it (docs/operations.md, "Backup and restore"). Safe to call again.
 */
@Path("/v1/admin/credentials")
@RolesAllowed("operator")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operators")
public class AdminCredentialsResource {
    private final CredentialResync resync;
    private final JsonWebToken jwt;

    public AdminCredentialsResource(CredentialResync resync, JsonWebToken jwt) {
        this.resync = resync;
        this.jwt = jwt;
    }

    public record ResyncView(
            long highestPublishedVersion,
            int republished,
            List<String> revokedFromTopic,
            List<CredentialResync.UnknownKey> unknownKeysRevoked,
            List<CredentialResync.StatusDifference> partnerStatusDifferences) {
        static ResyncView of(CredentialResync.Result r) {
            return new ResyncView(
                    r.highestPublishedVersion(),
                    r.republished(),
                    r.revokedFromTopic(),
                    r.unknownKeysRevoked(),
                    r.partnerStatusDifferences());
        }
    }

    @POST
    @Path("/resync")
    public Uni<ResyncView> resync(RoutingContext rc) {
        return resync.resync(jwt.getSubject(), RequestIds.of(rc)).map(ResyncView::of);
    }
}
