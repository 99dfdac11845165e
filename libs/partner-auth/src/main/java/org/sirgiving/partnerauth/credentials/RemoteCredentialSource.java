package org.sirgiving.partnerauth.credentials;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.sirgiving.events.EventJson;
import org.sirgiving.events.payload.CredentialData;
import org.sirgiving.kernel.errors.DependencyUnavailable;

/**
 * Asks keys-service about a key the local cache has not seen yet (a key created a moment ago, before its record
 * arrived on the topic). Guarded so that a slow or failing keys-service costs a bounded delay, then a 503. Only
 * keys-service's failures count towards the breaker: its 4xx answers are about the request ("no such key", "request
 * line too long") and must not let hostile keys open the breaker for every partner whose key is not cached.
 */
@ApplicationScoped
@DefaultBean
public class RemoteCredentialSource implements CredentialSource {
    private final KeysServiceClient client;
    private final String internalToken;

    public RemoteCredentialSource(
            @RestClient KeysServiceClient client, @ConfigProperty(name = "sir.internal.token") String internalToken) {
        this.client = client;
        this.internalToken = internalToken;
    }

    @Override
    @Timeout(value = 1500, unit = ChronoUnit.MILLIS)
    @Retry(maxRetries = 2, delay = 100, abortOn = CredentialLookupRefused.class)
    @CircuitBreaker(
            requestVolumeThreshold = 10,
            failureRatio = 0.5,
            delay = 5,
            delayUnit = ChronoUnit.SECONDS,
            skipOn = CredentialLookupRefused.class)
    public Uni<Optional<CredentialData>> fetch(String publicKey, String secretKeyHash) {
        return client.lookup(publicKey, secretKeyHash, internalToken)
                // The client raises for 4xx/5xx; a 404 is an answer ("no such key"), not a failure.
                .onFailure(WebApplicationException.class)
                .recoverWithItem(e -> ((WebApplicationException) e).getResponse())
                .<Optional<CredentialData>>map(r -> {
                    try (r) {
                        int status = r.getStatus();
                        if (status == 404) {
                            return Optional.empty();
                        }
                        // 401/403 mean our internal token is wrong: keys-service's side, a failure like a 5xx.
                        if (status >= 400 && status < 500 && status != 401 && status != 403) {
                            throw new CredentialLookupRefused(status);
                        }
                        if (status != 200) {
                            throw new DependencyUnavailable("keys-service answered " + status);
                        }
                        return Optional.of(
                                EventJson.MAPPER.convertValue(r.readEntity(Map.class), CredentialData.class));
                    }
                })
                // Whatever else went wrong (a lost connection arrives as a bare IOException), keys-service could not
                // answer: the request gets 503 with Retry-After, not 500 (TransientFailure).
                .onFailure(e -> !(e instanceof CredentialLookupRefused) && !(e instanceof DependencyUnavailable))
                .transform(e -> new DependencyUnavailable("keys-service could not look up a key", e));
    }
}
