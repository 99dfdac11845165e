package org.sirgiving.keys.api;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.keys.service.RateBudget;
import org.sirgiving.partnerauth.auth.InternalAuth;
import org.sirgiving.partnerauth.credentials.KeysServiceClient;
import org.sirgiving.partnerauth.ratelimit.RateLeaseSource;

/** The services' rate-limit leases (not routed by the gateway; callers present the internal token). */
@InternalAuth
@Path("/internal/v1/rate-leases")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InternalRateLeasesResource {
    private final RateBudget budget;

    public InternalRateLeasesResource(RateBudget budget) {
        this.budget = budget;
    }

    @POST
    @Operation(hidden = true)
    public Uni<RateLeaseSource.Lease> lease(KeysServiceClient.LeaseRequest request) {
        if (request == null
                || request.partnerId() == null
                || request.environment() == null
                || request.requested() < 1
                || request.requested() > 10_000
                || request.limit() < 1) {
            throw ApiException.validation(
                    "body", "partnerId, environment, requested (1..10000) and limit (≥ 1) are required");
        }
        return budget.lease(
                request.partnerId(),
                request.environment(),
                request.windowStart(),
                request.requested(),
                request.limit());
    }
}
