package org.sirgiving.webhooks.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The delivery policy of docs/partner-api.md section 6, in one place: when the next attempt is made, when a delivery is
 * exhausted, and when a failing endpoint is disabled.
 */
public final class RetrySchedule {
    /** Delays before attempts 2..8, counted from the previous attempt (~27.5 h in all). */
    static final List<Duration> DELAYS = List.of(
            Duration.ofSeconds(5),
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            Duration.ofHours(2),
            Duration.ofHours(5),
            Duration.ofHours(10),
            Duration.ofHours(10));

    public static final int MAX_ATTEMPTS = DELAYS.size() + 1;
    /** ±10 %: spreads the retries of a burst that failed together, so a recovering endpoint is not hit all at once. */
    static final double JITTER = 0.10;
    /** A Retry-After is honoured up to this much. */
    public static final Duration MAX_DELAY = Duration.ofHours(24);
    /** An endpoint with no success since a failure this old is disabled. */
    public static final Duration DISABLE_AFTER_FAILING_FOR = Duration.ofDays(5);

    /**
     * The delay before the attempt that follows failed attempt {@code failedAttempt} (1-based), or empty when that
     * was the last one. {@code retryAfter} (from a 429/503, may be null) wins when longer; {@code random} is in [0, 1).
     */
    public static Optional<Duration> delayAfter(int failedAttempt, Duration retryAfter, double random) {
        if (failedAttempt >= MAX_ATTEMPTS) {
            return Optional.empty();
        }
        Duration base = DELAYS.get(Math.max(0, failedAttempt - 1));
        long millis = Math.round(base.toMillis() * (1 - JITTER + 2 * JITTER * random));
        Duration delay = Duration.ofMillis(millis);
        if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
            delay = retryAfter;
        }
        return Optional.of(delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay);
    }

    /** True when the endpoint has failed, without a success since, for longer than the policy allows. */
    public static boolean failingTooLong(Instant firstFailureAt, Instant now) {
        return firstFailureAt != null
                && !firstFailureAt.plus(DISABLE_AFTER_FAILING_FOR).isAfter(now);
    }

    private RetrySchedule() {}
}
