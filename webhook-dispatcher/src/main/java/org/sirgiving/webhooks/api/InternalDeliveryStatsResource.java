package org.sirgiving.webhooks.api;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.sirgiving.events.Environment;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.http.Instants;
import org.sirgiving.partnerauth.auth.InternalAuth;
import org.sirgiving.webhooks.domain.DeliveryCounts;
import org.sirgiving.webhooks.service.DeliveryStatistics;

/**
 * rewards-service's dashboard asks here for a partner's delivery figures (docs/partner-api.md section 5). Not routed by
 * the gateway; callers present the internal token, as on keys-service's internal endpoints.
 */
@InternalAuth
@Path("/internal/v1/delivery-stats")
@Produces(MediaType.APPLICATION_JSON)
public class InternalDeliveryStatsResource {
    private final DeliveryStatistics statistics;

    public InternalDeliveryStatsResource(DeliveryStatistics statistics) {
        this.statistics = statistics;
    }

    @GET
    @Operation(hidden = true)
    public Uni<DeliveryCounts> stats(
            @QueryParam("partnerId") String partnerId,
            @QueryParam("environment") String environment,
            @QueryParam("from") String from,
            @QueryParam("to") String to) {
        Environment env = Environment.fromWire(environment);
        if (partnerId == null || partnerId.isBlank() || env == null) {
            throw ApiException.validation("partnerId", "partnerId and environment (sandbox, production) are required");
        }
        Instant start = required("from", Instants.parse("from", from, Instants.Edge.START));
        Instant end = required("to", Instants.parse("to", to, Instants.Edge.END));
        if (!start.isBefore(end)) {
            throw ApiException.validation("from", "must be before to");
        }
        return statistics.counts(partnerId, env, start, end);
    }

    /** Dates follow the one rule for every date parameter (libs/service-kernel Instants); here both are needed. */
    private static Instant required(String field, Instant value) {
        if (value == null) {
            throw ApiException.validation(field, "is required");
        }
        return value;
    }
}
