package org.sirgiving.partnerauth.ratelimit;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.sirgiving.partnerauth.credentials.KeysServiceClient;

/** Leases budget from keys-service over its internal endpoint; fast to give up, so the fallback takes over. */
@ApplicationScoped
@DefaultBean
public class RemoteRateLeaseSource implements RateLeaseSource {
    private final KeysServiceClient client;
    private final String internalToken;

    public RemoteRateLeaseSource(
            @RestClient KeysServiceClient client, @ConfigProperty(name = "sir.internal.token") String internalToken) {
        this.client = client;
        this.internalToken = internalToken;
    }

    @Override
    @Timeout(value = 500, unit = ChronoUnit.MILLIS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS)
    public Uni<Lease> lease(String partnerId, String environment, long windowStart, int requested, int limit) {
        return client.lease(
                new KeysServiceClient.LeaseRequest(partnerId, environment, windowStart, requested, limit),
                internalToken);
    }
}
