package org.sirgiving.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sirgiving.webhooks.domain.RetrySchedule;

class RetryScheduleTest {
    private static final List<Duration> CONTRACT = List.of(
            Duration.ofSeconds(5),
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            Duration.ofHours(2),
            Duration.ofHours(5),
            Duration.ofHours(10),
            Duration.ofHours(10));

    @Test
    void eightAttemptsAtTheContractDelaysWithinTenPercent() {
        assertEquals(8, RetrySchedule.MAX_ATTEMPTS);
        for (int failed = 1; failed <= 7; failed++) {
            Duration base = CONTRACT.get(failed - 1);
            assertEquals(base, RetrySchedule.delayAfter(failed, null, 0.5).orElseThrow(), "no jitter at the middle");
            assertEquals(
                    base.multipliedBy(9).dividedBy(10),
                    RetrySchedule.delayAfter(failed, null, 0.0).orElseThrow());
            Duration high = RetrySchedule.delayAfter(failed, null, 0.999999).orElseThrow();
            assertTrue(
                    high.compareTo(base.multipliedBy(11).dividedBy(10)) <= 0 && high.compareTo(base) > 0,
                    "high " + high);
        }
        assertEquals(Optional.empty(), RetrySchedule.delayAfter(8, null, 0.5), "the 8th failure exhausts the delivery");
    }

    @Test
    void retryAfterWinsWhenLongerAndIsCappedAtADay() {
        assertEquals(
                Duration.ofSeconds(120),
                RetrySchedule.delayAfter(1, Duration.ofSeconds(120), 0.5).orElseThrow());
        assertEquals(
                Duration.ofMinutes(5),
                RetrySchedule.delayAfter(2, Duration.ofSeconds(1), 0.5).orElseThrow());
        assertEquals(
                Duration.ofHours(24),
                RetrySchedule.delayAfter(3, Duration.ofDays(3), 0.5).orElseThrow());
        assertEquals(
                Optional.empty(), RetrySchedule.delayAfter(8, Duration.ofSeconds(10), 0.5), "still 8 attempts at most");
    }

    @Test
    void anEndpointFailingForFiveDaysWithoutSuccessIsDisabled() {
        Instant now = Instant.parse("2026-05-10T09:00:00Z");
        assertFalse(RetrySchedule.failingTooLong(null, now));
        assertFalse(RetrySchedule.failingTooLong(now.minus(Duration.ofDays(5)).plusSeconds(1), now));
        assertTrue(RetrySchedule.failingTooLong(now.minus(Duration.ofDays(5)), now));
    }
}
