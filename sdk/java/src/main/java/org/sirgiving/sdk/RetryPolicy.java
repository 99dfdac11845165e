package org.sirgiving.sdk;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When and how long to wait before sending a request again. The server's {@code Retry-After} wins when it sent one (429,
 * 503, 409 {@code IDEMPOTENCY_IN_PROGRESS}); otherwise the wait doubles from {@link Builder#initialBackoff} up to
 * {@link Builder#maxBackoff}, each wait drawn between half and all of that ("equal jitter"), so that many clients
 * failing together do not come back together. A {@code Retry-After} longer than {@link Builder#maxRetryAfter} is not
 * waited for: the error goes to the caller, who can decide.
 */
public final class RetryPolicy {
    /** Waits; replaceable so that tests (and callers with their own schedulers) need not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration maxRetryAfter;
    private final Sleeper sleeper;

    private RetryPolicy(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.maxRetryAfter = b.maxRetryAfter;
        this.sleeper = b.sleeper;
    }

    /** 4 attempts, 500 ms doubling to at most 8 s, a {@code Retry-After} of up to 60 s honoured. */
    public static RetryPolicy defaults() {
        return builder().build();
    }

    /** One attempt: every failure goes straight to the caller. */
    public static RetryPolicy none() {
        return builder().maxAttempts(1).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    Duration maxRetryAfter() {
        return maxRetryAfter;
    }

    /** The wait before attempt {@code failedAttempts + 1} when the server named none. */
    Duration backoff(int failedAttempts) {
        long ceiling = initialBackoff.toMillis() << Math.min(failedAttempts - 1, 20);
        long capped = Math.min(Math.max(ceiling, 1), maxBackoff.toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped - capped / 2 + 1));
    }

    void sleep(Duration duration) throws InterruptedException {
        if (!duration.isZero() && !duration.isNegative()) {
            sleeper.sleep(duration);
        }
    }

    public static final class Builder {
        private int maxAttempts = 4;
        private Duration initialBackoff = Duration.ofMillis(500);
        private Duration maxBackoff = Duration.ofSeconds(8);
        private Duration maxRetryAfter = Duration.ofSeconds(60);
        private Sleeper sleeper = d -> Thread.sleep(d.toMillis());

        private Builder() {}

        /** Attempts in all, the first included (at least 1). */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = positive(initialBackoff, "initialBackoff");
            return this;
        }

        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = positive(maxBackoff, "maxBackoff");
            return this;
        }

        public Builder maxRetryAfter(Duration maxRetryAfter) {
            this.maxRetryAfter = positive(maxRetryAfter, "maxRetryAfter");
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        public RetryPolicy build() {
            return new RetryPolicy(this);
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }
}
