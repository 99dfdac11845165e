package org.sirgiving.rewards.service;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The one clock of the service's rules (vesting, expiry, campaign schedules, record times). Tests replace it with
 * an {@code @Alternative} bean they can move forward.
 */
public class Clocks {
    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
