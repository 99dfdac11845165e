package org.sirgiving.rewards.service;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.sirgiving.partnerauth.credentials.KeysServiceClient;

/**
 * webhook-dispatcher's internal delivery figures for the dashboard (not routed by the gateway; authenticated by the
 * internal token, like keys-service's internal endpoints).
 */
@RegisterRestClient(configKey = "webhook-dispatcher")
@Path("/internal/v1")
public interface WebhookDispatcherClient {

    /** Deliveries decided in {@code [from, to)}: {@code delivered} or {@code failed}; {@code pending}: open now. */
    record DeliveryCounts(long delivered, long failed, long pending) {}

    @GET
    @Path("/delivery-stats")
    Uni<DeliveryCounts> deliveryStats(
            @QueryParam("partnerId") String partnerId,
            @QueryParam("environment") String environment,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @HeaderParam(KeysServiceClient.INTERNAL_TOKEN_HEADER) String internalToken);
}
