package org.sirgiving.keys.api;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.sirgiving.events.payload.CredentialData;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.keys.service.CredentialLookup;
import org.sirgiving.partnerauth.auth.InternalAuth;

/**
 * The other services' cache-miss lookup. Not routed by the gateway; callers present the internal token.
 * Answers the same record as the credentials topic: no secret in clear.
 */
@InternalAuth
@Path("/internal/v1/credentials")
@Produces(MediaType.APPLICATION_JSON)
public class InternalCredentialsResource {
    private final CredentialLookup lookup;

    public InternalCredentialsResource(CredentialLookup lookup) {
        this.lookup = lookup;
    }

    @GET
    @Operation(hidden = true)
    public Uni<CredentialData> find(
            @QueryParam("publicKey") String publicKey, @QueryParam("secretKeyHash") String secretKeyHash) {
        return lookup.fetch(publicKey, secretKeyHash)
                .map(found -> found.orElseThrow(() -> ApiException.notFound("Credential")));
    }
}
