package org.sirgiving.keys.api;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sirgiving.kernel.http.RequestIds;
import org.sirgiving.kernel.openapi.OpenApiNames;
import org.sirgiving.keys.service.CredentialResync;

/**
 * Operators (JWT with the {@code operator} group): after keys-service's database was restored from a backup, puts the
 * credentials topic back in line with it (docs/operations.md, "Backup and restore"). Safe to call again. The
 * RoutingContext is {@code @Context} so that the OpenAPI scanner does not take it for a request body.
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

    @Schema(name = "CredentialResyncResult", description = "What a credentials resync changed.")
    public record ResyncView(
            @Schema(required = true, description = "The highest credential version the topic held.")
            long highestPublishedVersion,

            @Schema(required = true, description = "Keys published again from the database.")
            int republished,

            @Schema(required = true, description = "Key ids the topic had revoked, revoked again in the database.")
            List<String> revokedFromTopic,

            @Schema(required = true, description = "Keys the topic knew and the database did not: published revoked.")
            List<UnknownKey> unknownKeysRevoked,

            @Schema(required = true, description = "Partners whose published status differed from the database's.")
            List<StatusDifference> partnerStatusDifferences) {
        static ResyncView of(CredentialResync.Result r) {
            return new ResyncView(
                    r.highestPublishedVersion(),
                    r.republished(),
                    r.revokedFromTopic(),
                    r.unknownKeysRevoked().stream()
                            .map(k -> new UnknownKey(k.keyId(), k.partnerId(), k.environment()))
                            .toList(),
                    r.partnerStatusDifferences().stream()
                            .map(d -> new StatusDifference(d.partnerId(), d.databaseStatus(), d.publishedStatus()))
                            .toList());
        }

        @Schema(name = "ResyncUnknownKey", description = "A key the topic knew and the restored database did not.")
        public record UnknownKey(
                @Schema(required = true) String keyId,
                @Schema(required = true) String partnerId,

                @Schema(required = true, description = "`sandbox` or `production`.")
                String environment) {}

        @Schema(name = "ResyncStatusDifference", description = "A partner whose published status differed.")
        public record StatusDifference(
                @Schema(required = true) String partnerId,
                @Schema(required = true) String databaseStatus,
                @Schema(required = true) String publishedStatus) {}
    }

    @POST
    @Path("/resync")
    @Operation(
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.OPERATOR_JWT),
            operationId = "resyncCredentials",
            summary = "Resync the credentials topic after a restore",
            description = "After keys-service's database was restored from a backup, puts the credentials topic back in"
                    + " line with it (docs/operations.md, \"Backup and restore\"). Safe to call again. Takes no body.")
    @APIResponse(
            responseCode = "200",
            description = "What was changed.",
            content = @Content(schema = @Schema(implementation = ResyncView.class)))
    public Uni<ResyncView> resync(@Context RoutingContext rc) {
        return resync.resync(jwt.getSubject(), RequestIds.of(rc)).map(ResyncView::of);
    }
}
