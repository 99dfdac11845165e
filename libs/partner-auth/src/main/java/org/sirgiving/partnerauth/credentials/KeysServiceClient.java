package org.sirgiving.partnerauth.credentials;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** keys-service's internal credential lookup (not routed by the gateway; authenticated by the internal token). */
@RegisterRestClient(configKey = "keys-service")
@Path("/internal/v1/credentials")
public interface KeysServiceClient {
    String INTERNAL_TOKEN_HEADER = "X-Internal-Token";

    @GET
    Uni<Response> lookup(@QueryParam("publicKey") String publicKey,
                         @QueryParam("secretKeyHash") String secretKeyHash,
                         @HeaderParam(INTERNAL_TOKEN_HEADER) String internalToken);
}
