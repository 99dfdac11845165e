package org.sirgiving.partnerauth.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sirgiving.events.Environment;
import org.sirgiving.partnerauth.auth.AuthenticatedPartner;

/**
 * The limiter of each replica against one budget owner that behaves like keys-service's RateBudget (grants under the
 * partner's stored limit, never more than it per window): docs/partner-api.md section 8.
 */
class RateLimiterTest {
    static final Clock CLOCK =
            Clock.fixed(Instant.ofEpochSecond(1_800_000_000L - 1_800_000_000L % 60 + 5), ZoneOffset.UTC);
    static final String PARTNER = "ptn_test";

    /** keys-service's budget: the stored limit (an operator changes it) and what each window granted. */
    static final class Budget implements RateLeaseSource {
        int storedLimit;
        final Map<Long, Integer> granted = new HashMap<>();
        final List<Integer> requested = new ArrayList<>();

        Budget(int storedLimit) {
            this.storedLimit = storedLimit;
        }

        @Override
        public Uni<Lease> lease(String partnerId, String environment, long windowStart, int asked, int limit) {
            requested.add(asked);
            int before = granted.getOrDefault(windowStart, 0);
            int grant = Math.max(0, Math.min(asked, storedLimit - before));
            granted.put(windowStart, before + grant);
            return Uni.createFrom().item(new Lease(grant, before + grant, storedLimit));
        }

        int grantedNow() {
            return granted.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    static RateLimiter replica(RateLeaseSource budget) {
        return new RateLimiter(budget, 0.02, 0.25, 100, CLOCK);
    }

    /** The partner as a replica's credential cache has it. */
    static AuthenticatedPartner partner(int limit) {
        return new AuthenticatedPartner(PARTNER, Environment.SANDBOX, "key_1", true, "STANDARD", limit, List.of());
    }

    static RateLimitDecision acquire(RateLimiter r, int credentialLimit) {
        return r.acquire(partner(credentialLimit)).await().indefinitely();
    }

    @Test
    void aLoweredLimitStopsEveryReplicaOnceItsCredentialSaysSo() {
        Budget budget = new Budget(600);
        List<RateLimiter> services = List.of(replica(budget), replica(budget), replica(budget));
        services.forEach(s -> assertTrue(acquire(s, 600).allowed()));
        assertEquals(36, budget.grantedNow(), "each holds the rest of a chunk of 12");

        budget.storedLimit = 30; // the operator's change, committed in keys-service
        for (RateLimiter s : services) {
            RateLimitDecision d = acquire(s, 30); // the credentials topic brought the change
            assertFalse(d.allowed(), "a replica spends nothing it leased under the old limit");
            assertEquals(30, d.limit());
            assertEquals("0", d.headers().get("X-RateLimit-Remaining"));
            assertTrue(d.retryAfterSeconds() >= 1);
        }
        assertEquals(36, budget.grantedNow(), "and keys-service granted nothing more");
    }

    @Test
    void aReplicaWhoseCredentialLagsLearnsTheLowerLimitFromItsNextLease() {
        Budget budget = new Budget(600);
        RateLimiter lagging = replica(budget);
        assertTrue(acquire(lagging, 600).allowed());
        budget.storedLimit = 20;
        // Until the change reaches its cache it spends what it holds (11), then leases under the new limit: 20 in all.
        int accepted = 1;
        for (int i = 0; i < 50; i++) {
            RateLimitDecision d = acquire(lagging, 600);
            if (d.allowed()) {
                accepted++;
            } else {
                assertEquals(20, d.limit(), "keys-service's limit is the one told");
            }
        }
        assertEquals(20, accepted);
        assertEquals(20, budget.grantedNow());
    }

    @Test
    void aGrantIsBelievedUnderKeysServicesLimitOverTheCredentials() {
        Budget budget = new Budget(10);
        RateLimiter r = replica(budget);
        int accepted = 0;
        for (int i = 0; i < 30; i++) {
            RateLimitDecision d = acquire(r, 600);
            assertEquals(10, d.limit());
            accepted += d.allowed() ? 1 : 0;
        }
        assertEquals(10, accepted);
    }

    @Test
    void aRaisedLimitIsUsedAtOnceEvenAfterTheOldOneWasSpent() {
        Budget budget = new Budget(5);
        RateLimiter r = replica(budget);
        for (int i = 0; i < 5; i++) {
            assertTrue(acquire(r, 5).allowed());
        }
        assertFalse(acquire(r, 5).allowed());
        budget.storedLimit = 50;
        RateLimitDecision d = acquire(r, 50);
        assertTrue(d.allowed());
        assertEquals(50, d.limit());
    }

    @Test
    void aLeaseIsAShareOfTheLimitAndNeverMoreThanMaxChunk() {
        Budget budget = new Budget(12_000);
        acquire(replica(budget), 12_000);
        Budget small = new Budget(600);
        acquire(replica(small), 600);
        assertEquals(List.of(100), budget.requested, "2 % of 12,000 is 240, capped at 100");
        assertEquals(List.of(12), small.requested);
    }

    @Test
    void remainingNeverRisesOnOneReplicaAndReplicasDifferByAtMostTheOthersChunks() {
        Budget budget = new Budget(600);
        List<RateLimiter> services = List.of(replica(budget), replica(budget), replica(budget));
        Map<RateLimiter, Integer> last = new HashMap<>();
        int lowest = Integer.MAX_VALUE;
        int accepted = 0;
        for (int i = 0; i < 700; i++) {
            RateLimiter s = services.get(i % services.size());
            RateLimitDecision d = acquire(s, 600);
            accepted += d.allowed() ? 1 : 0;
            int remaining = Integer.parseInt(d.headers().get("X-RateLimit-Remaining"));
            assertTrue(remaining <= last.getOrDefault(s, Integer.MAX_VALUE), "request " + i + " rose on its replica");
            assertTrue(
                    lowest == Integer.MAX_VALUE || remaining <= lowest + 2 * 12,
                    "request " + i + ": more than the others' chunks above");
            last.put(s, remaining);
            lowest = Math.min(lowest, remaining);
        }
        assertEquals(600, accepted);
        assertEquals(0, lowest);
    }

    @Test
    void theStandingOfAFailedRequestSpendsNothing() {
        Budget budget = new Budget(600);
        RateLimiter r = replica(budget);
        RateLimitDecision fresh = r.standing(PARTNER, Environment.SANDBOX, 600);
        assertEquals("600", fresh.headers().get("X-RateLimit-Limit"));
        assertEquals("600", fresh.headers().get("X-RateLimit-Remaining"));
        assertEquals(0, budget.grantedNow(), "no lease for a failed request");

        assertEquals(599, acquire(r, 600).remaining());
        for (int i = 0; i < 20; i++) {
            assertEquals(599, r.standing(PARTNER, Environment.SANDBOX, 600).remaining());
        }
        assertEquals(598, acquire(r, 600).remaining());
        assertEquals(12, budget.grantedNow());
        assertEquals(
                String.valueOf(CLOCK.instant().getEpochSecond() + 55),
                r.standing(PARTNER, Environment.SANDBOX, 600).headers().get("X-RateLimit-Reset"));
    }

    @Test
    void remainingDoesNotRiseWhenKeysServiceComesBackAfterAnOutage() {
        Budget budget = new Budget(600);
        boolean[] down = {false};
        RateLimiter r = replica((p, e, w, asked, limit) -> down[0]
                ? Uni.createFrom().failure(new IllegalStateException("down"))
                : budget.lease(p, e, w, asked, limit));
        for (int i = 0; i < 12; i++) {
            acquire(r, 600);
        }
        down[0] = true;
        int duringOutage = acquire(r, 600).remaining();
        assertEquals(149, duringOutage, "the fallback share, 150, less the one spent");
        down[0] = false;
        assertTrue(acquire(r, 600).remaining() <= duringOutage);
    }

    @Test
    void withoutKeysServiceAReplicaAllowsItselfItsFallbackShare() {
        RateLimiter r = replica((p, e, w, asked, limit) -> Uni.createFrom().failure(new IllegalStateException("down")));
        int accepted = 0;
        for (int i = 0; i < 40; i++) {
            accepted += acquire(r, 100).allowed() ? 1 : 0;
        }
        assertEquals(25, accepted);
    }
}
