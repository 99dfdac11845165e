package org.sirgiving.kernel.config;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The one clock every service's rules read (timestamp windows, key expiry, schedules, retries), so that tests can
 * move time instead of waiting: a test declares an {@code @Alternative} Clock bean.
 */
public class Clocks {
    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
