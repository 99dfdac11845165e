package org.sirgiving.partnerauth.ratelimit;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.sirgiving.events.Environment;
import org.sirgiving.partnerauth.auth.AuthenticatedPartner;

/**
 * Per partner and environment, per minute, across every service and replica (docs/partner-api.md section 8):
 * keys-service owns each window's budget and grants it in chunks ({@link RateLeaseSource}); a replica spends its
 * chunk locally and asks for the next one when it runs out. Granted chunks never exceed the limit, so the sum accepted
 * over all replicas never does; what a replica leased but did not use is lost at the window's end (at most one chunk
 * per replica). When keys-service cannot be reached, a replica falls back to a conservative local share of the limit.
 *
 * <p>A lowered limit applies within seconds: keys-service grants under the partner's limit as it stores it and says
 * which, and a replica drops what it still holds of earlier leases as soon as it learns of a lower limit, from a lease
 * or from its credential cache (fed by the credentials topic). After an operator lowers a limit a replica can spend at
 * most the chunk it held (at most {@code max-chunk} requests), and only until the change reaches it.
 *
 * <p>X-RateLimit-Remaining is an estimate: the limit minus what keys-service had granted over all replicas at this
 * replica's last lease, plus what this replica still holds of its own lease; it never rises within a window on one
 * replica unless the limit is raised. Budget other replicas leased since is not yet counted, so two replicas can
 * differ by what the others leased in between (one chunk each, at most).
 */
@ApplicationScoped
public class RateLimiter {
    private static final Logger LOG = Logger.getLogger(RateLimiter.class);
    private static final long WINDOW_SECONDS = 60;

    private final RateLeaseSource leases;
    private final double chunkFraction;
    private final double fallbackFraction;
    private final int maxChunk;
    /** Wall-clock minutes, like the X-RateLimit-Reset partners read. */
    private final Clock clock;

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    @Inject
    public RateLimiter(
            RateLeaseSource leases,
            @ConfigProperty(name = "sir.rate-limit.chunk-fraction") double chunkFraction,
            @ConfigProperty(name = "sir.rate-limit.fallback-fraction") double fallbackFraction,
            @ConfigProperty(name = "sir.rate-limit.max-chunk") int maxChunk) {
        this(leases, chunkFraction, fallbackFraction, maxChunk, Clock.systemUTC());
    }

    RateLimiter(RateLeaseSource leases, double chunkFraction, double fallbackFraction, int maxChunk, Clock clock) {
        this.leases = leases;
        this.chunkFraction = chunkFraction;
        this.fallbackFraction = fallbackFraction;
        this.maxChunk = Math.max(1, maxChunk);
        this.clock = clock;
    }

    /** The budget of one minute window of one partner and environment, on this replica. */
    private static final class Window {
        final long start;
        int limit; // in force here: the newest of the credential's limit and the one keys-service granted under
        int seenCredential; // the credential's limit at the last request, to notice an operator's change
        int generation; // counts credential changes: a lease asked for before one cannot undo it
        int local; // leased and not yet spent here
        int windowTotal; // granted over all replicas, as of the last lease
        int fallbackUsed; // spent on the local fallback budget
        boolean spent; // keys-service granted nothing more: refuse locally until the window ends or the limit rises
        int reported = Integer.MAX_VALUE; // the lowest Remaining told in this window

        Window(long start) {
            this.start = start;
        }

        void observeCredential(int credentialLimit) {
            if (credentialLimit != seenCredential) {
                seenCredential = credentialLimit;
                generation++;
                changeLimit(credentialLimit);
            }
        }

        void changeLimit(int newLimit) {
            if (newLimit < limit) {
                local = 0; // leased under a higher limit: spending it would overshoot the new one
            } else if (newLimit > limit) {
                spent = false;
                reported = Integer.MAX_VALUE;
            }
            limit = newLimit;
        }

        /** Takes one request from a lease's grant; false when keys-service granted nothing. */
        boolean take(RateLeaseSource.Lease lease, int askedUnder, int askedInGeneration) {
            int under = lease.limit() > 0 ? lease.limit() : askedUnder;
            // keys-service's limit is newer than the credential's unless the credential changed meanwhile; a lower one
            // is always applied.
            if (generation == askedInGeneration || under < limit) {
                changeLimit(under);
            }
            windowTotal = Math.max(windowTotal, lease.windowTotal());
            // Granted under a higher limit than the one now in force: it pays for this request only.
            local += under > limit ? Math.min(1, lease.granted()) : lease.granted();
            if (local > 0) {
                local--;
                return true;
            }
            spent = true;
            return false;
        }

        int remaining() {
            return report(limit - windowTotal + local);
        }

        int report(int estimate) {
            reported = Math.min(reported, Math.max(0, estimate));
            return reported;
        }
    }

    public Uni<RateLimitDecision> acquire(AuthenticatedPartner p) {
        long now = clock.instant().getEpochSecond();
        long start = windowStart(now);
        long reset = start + WINDOW_SECONDS;
        Window w = windows.compute(
                key(p.partnerId(), p.environment()),
                (k, old) -> old == null || old.start != start ? new Window(start) : old);
        int askedUnder;
        int generation;
        synchronized (w) {
            w.observeCredential(Math.max(1, p.rateLimit()));
            if (w.local > 0) {
                w.local--;
                return Uni.createFrom().item(allowed(w, reset));
            }
            if (w.spent) {
                // No lease call per refused request: an over-limit partner costs keys-service nothing more.
                return Uni.createFrom().item(refused(w, reset, now));
            }
            askedUnder = w.limit;
            generation = w.generation;
        }
        return leases.lease(p.partnerId(), p.environment().wireName(), start, chunkFor(askedUnder), askedUnder)
                .map(lease -> {
                    synchronized (w) {
                        return w.take(lease, askedUnder, generation) ? allowed(w, reset) : refused(w, reset, now);
                    }
                })
                .onFailure()
                .recoverWithItem(e -> {
                    LOG.debugf("Rate lease unavailable (%s); using the local fallback budget", e.getMessage());
                    synchronized (w) {
                        int fallback = Math.max(1, (int) (w.limit * fallbackFraction));
                        if (w.fallbackUsed < fallback) {
                            w.fallbackUsed++;
                            return new RateLimitDecision(true, w.limit, w.report(fallback - w.fallbackUsed), reset, 0);
                        }
                        return refused(w, reset, now);
                    }
                });
    }

    /**
     * The partner's standing as this replica knows it, charging nothing: for answers to requests that failed
     * authentication, which must not spend the partner's budget (docs/partner-api.md section 8).
     */
    public RateLimitDecision standing(String partnerId, Environment environment, int credentialLimit) {
        long now = clock.instant().getEpochSecond();
        long start = windowStart(now);
        long reset = start + WINDOW_SECONDS;
        int limit = Math.max(1, credentialLimit);
        Window w = windows.get(key(partnerId, environment));
        if (w == null || w.start != start) {
            return new RateLimitDecision(true, limit, limit, reset, 0);
        }
        synchronized (w) {
            w.observeCredential(limit);
            int remaining = w.remaining();
            return new RateLimitDecision(remaining > 0, w.limit, remaining, reset, 0);
        }
    }

    /** A lease's size: a share of the limit, bounded so that what a replica holds when the limit drops stays small. */
    int chunkFor(int limit) {
        return Math.max(1, Math.min(maxChunk, (int) Math.ceil(limit * chunkFraction)));
    }

    private static long windowStart(long epochSecond) {
        return epochSecond - Math.floorMod(epochSecond, WINDOW_SECONDS);
    }

    private static String key(String partnerId, Environment environment) {
        return partnerId + "/" + environment.wireName();
    }

    private static RateLimitDecision allowed(Window w, long reset) {
        return new RateLimitDecision(true, w.limit, w.remaining(), reset, 0);
    }

    private static RateLimitDecision refused(Window w, long reset, long now) {
        return new RateLimitDecision(false, w.limit, w.report(0), reset, Math.max(1, reset - now));
    }
}
