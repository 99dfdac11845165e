package org.sirgiving.partnerauth.ratelimit;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.sirgiving.partnerauth.auth.AuthenticatedPartner;

/**
 * Per partner and environment, per minute, across every service and replica: keys-service owns each window's
 * budget and grants it in chunks ({@link RateLeaseSource}); a replica spends its chunk locally and asks for the next
 * one when it runs out. Granted chunks never exceed the limit, so the sum accepted over all replicas never does;
 * what a replica leased but did not use is lost at the window's end (at most one chunk per replica).
 * When keys-service cannot be reached, a replica falls back to a conservative local share of the limit.
 */
@ApplicationScoped
public class RateLimiter {
    private static final Logger LOG = Logger.getLogger(RateLimiter.class);
    private static final long WINDOW_SECONDS = 60;

    private final RateLeaseSource leases;
    private final double chunkFraction;
    private final double fallbackFraction;
    /** Wall-clock minutes, like the X-RateLimit-Reset partners read. */
    private final Clock clock = Clock.systemUTC();

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public RateLimiter(
            RateLeaseSource leases,
            @ConfigProperty(name = "sir.rate-limit.chunk-fraction") double chunkFraction,
            @ConfigProperty(name = "sir.rate-limit.fallback-fraction") double fallbackFraction) {
        this.leases = leases;
        this.chunkFraction = chunkFraction;
        this.fallbackFraction = fallbackFraction;
    }

    /** The request's budget for one minute window of one partner and environment, on this replica. */
    private static final class Window {
        final long start;
        int local; // leased and not yet spent here
        int windowTotal; // granted over all replicas, as of the last lease
        int fallbackUsed; // spent on the local fallback budget
        boolean spent; // keys-service granted nothing more: refuse locally until the window ends

        Window(long start) {
            this.start = start;
        }
    }

    public Uni<RateLimitDecision> acquire(AuthenticatedPartner p) {
        int limit = Math.max(1, p.rateLimit());
        long now = clock.instant().getEpochSecond();
        long start = now - Math.floorMod(now, WINDOW_SECONDS);
        long reset = start + WINDOW_SECONDS;
        String key = p.partnerId() + "/" + p.environment().wireName();
        Window w = windows.compute(key, (k, old) -> old == null || old.start != start ? new Window(start) : old);
        synchronized (w) {
            if (w.local > 0) {
                w.local--;
                return Uni.createFrom().item(allowed(limit, w, reset));
            }
            if (w.spent) {
                // No lease call per refused request: an over-limit partner costs keys-service nothing more.
                return Uni.createFrom().item(new RateLimitDecision(false, limit, 0, reset, Math.max(1, reset - now)));
            }
        }
        int chunk = Math.max(1, (int) Math.ceil(limit * chunkFraction));
        return leases.lease(p.partnerId(), p.environment().wireName(), start, chunk, limit)
                .map(lease -> {
                    synchronized (w) {
                        w.local += lease.granted();
                        w.windowTotal = Math.max(w.windowTotal, lease.windowTotal());
                        if (w.local > 0) {
                            w.local--;
                            return allowed(limit, w, reset);
                        }
                        w.spent = true;
                        return new RateLimitDecision(false, limit, 0, reset, Math.max(1, reset - now));
                    }
                })
                .onFailure()
                .recoverWithItem(e -> {
                    LOG.debugf("Rate lease unavailable (%s); using the local fallback budget", e.getMessage());
                    synchronized (w) {
                        int fallback = Math.max(1, (int) (limit * fallbackFraction));
                        if (w.fallbackUsed < fallback) {
                            w.fallbackUsed++;
                            return new RateLimitDecision(true, limit, fallback - w.fallbackUsed, reset, 0);
                        }
                        return new RateLimitDecision(false, limit, 0, reset, Math.max(1, reset - now));
                    }
                });
    }

    private static RateLimitDecision allowed(int limit, Window w, long reset) {
        return new RateLimitDecision(true, limit, limit - w.windowTotal + w.local, reset, 0);
    }
}
