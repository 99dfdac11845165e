package org.sirgiving.partnerauth.ratelimit;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/** Grants chunks of a partner's per-minute budget; the budget's owner is keys-service. */
public interface RateLeaseSource {

    /** @param granted requests granted now (0 when the window's budget is spent); windowTotal: granted in the window so far */
    // Read from keys-service's JSON by the REST client; registered so that a native executable can too.
    @RegisterForReflection
    record Lease(int granted, int windowTotal) {}

    Uni<Lease> lease(String partnerId, String environment, long windowStartEpochSeconds, int requested, int limit);
}
