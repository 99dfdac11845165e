package org.sirgiving.partnerauth.ratelimit;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/** Grants chunks of a partner's per-minute budget; the budget's owner is keys-service. */
public interface RateLeaseSource {

    /**
     * @param granted requests granted now (0 when the window's budget is spent)
     * @param windowTotal granted in the window so far, over all replicas
     * @param limit the limit the grant was decided under: the partner's limit as keys-service stores it, which an
     *     operator's change reaches before it reaches any replica's credential cache (0: the source did not say)
     */
    // Read from keys-service's JSON by the REST client; registered so that a native executable can too.
    @RegisterForReflection
    record Lease(int granted, int windowTotal, int limit) {}

    /** @param limit the caller's view of the limit; the source decides under its own when it knows the partner */
    Uni<Lease> lease(String partnerId, String environment, long windowStartEpochSeconds, int requested, int limit);
}
