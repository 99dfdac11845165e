package org.sirgiving.rewards.support;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** The service's clock in tests: the system clock, moved forward on demand (and back by {@link #reset()}). */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends Clock {
    private static final AtomicReference<Duration> OFFSET = new AtomicReference<>(Duration.ZERO);

    public static void advance(Duration by) {
        OFFSET.updateAndGet(d -> d.plus(by));
    }

    public static void reset() {
        OFFSET.set(Duration.ZERO);
    }

    public static Instant now() {
        return Instant.now().plus(OFFSET.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now();
    }
}
