package org.sirgiving.partnerauth.credentials;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.sirgiving.partnerauth.ratelimit.RateLeaseSource;

/** keys-service's internal credential lookup (not routed by the gateway; authenticated by the internal token). */
@RegisterRestClient(configKey = "keys-service")
@Path("/internal/v1")
public interface KeysServiceClient {
    String INTERNAL_TOKEN_HEADER = "X-Internal-Token";

    @GET
    @Path("/credentials")
    Uni<Response> lookup(
            @QueryParam("publicKey") String publicKey,
            @QueryParam("secretKeyHash") String secretKeyHash,
            @HeaderParam(INTERNAL_TOKEN_HEADER) String internalToken);

    record LeaseRequest(String partnerId, String environment, long windowStart, int requested, int limit) {}

    @POST
    @Path("/rate-leases")
    Uni<RateLeaseSource.Lease> lease(LeaseRequest request, @HeaderParam(INTERNAL_TOKEN_HEADER) String internalToken);
}
