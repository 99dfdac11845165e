package org.sirgiving.donations.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ConnectException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sirgiving.donations.domain.RewardStatus;
import org.sirgiving.donations.provider.Provider;
import org.sirgiving.donations.provider.ProviderUnavailable;
import org.sirgiving.donations.service.DonationMetrics.CheckoutResult;
import org.sirgiving.donations.service.DonationMetrics.NotificationOutcome;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.errors.ErrorCode;

/** DonationMetrics' series and how a provider call's ending is classified (by the failure's type). */
class DonationMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DonationMetrics metrics = new DonationMetrics(registry);

    private double count(String name, String... tags) {
        Counter c = registry.find(name).tags(tags).counter();
        return c == null ? -1 : c.count();
    }

    @Test
    void everyProviderHasEverySeriesAtZeroFromTheStart() {
        // 3 providers x (3 checkout results + 3 notification outcomes + 2 charge + 2 reward statuses).
        assertEquals(30, registry.getMeters().size());
        for (Provider p : Provider.values()) {
            assertEquals(0, count("sir.donations.checkouts", "provider", p.wireName(), "result", "unavailable"));
            assertEquals(0, count("sir.donations.notifications", "provider", p.wireName(), "outcome", "rejected"));
            assertEquals(0, count("sir.donations.charges", "provider", p.wireName(), "status", "failed"));
            assertEquals(0, count("sir.donations.rewards", "provider", p.wireName(), "status", "completed"));
        }
    }

    @Test
    void aProviderCallIsCreatedUnavailableOrRefusedByItsFailuresTypeAndADefectIsNotCounted() {
        assertEquals(Optional.of(CheckoutResult.CREATED), CheckoutResult.of(null));
        assertEquals(
                Optional.of(CheckoutResult.UNAVAILABLE),
                CheckoutResult.of(new ProviderUnavailable("Stripe could not be reached", new ConnectException())));
        assertEquals(
                Optional.of(CheckoutResult.REFUSED),
                CheckoutResult.of(new ApiException(ErrorCode.UNPROCESSABLE, "Stripe refused this donation")));
        assertEquals(
                Optional.of(CheckoutResult.REFUSED),
                CheckoutResult.of(ApiException.validation("tipAmount", "every.org links cannot carry a tip")));
        assertTrue(CheckoutResult.of(new IllegalStateException("a defect")).isEmpty());
    }

    @Test
    void eachCountGoesToItsProvidersSeriesOnly() {
        metrics.checkout(Provider.STRIPE, CheckoutResult.UNAVAILABLE);
        metrics.notification(Provider.EVERY_ORG, NotificationOutcome.REJECTED);
        metrics.charge(Provider.STRIPE, false);
        metrics.reward("every.org", RewardStatus.FAILED);
        metrics.reward("every.org", RewardStatus.PENDING);
        metrics.reward("paypal", RewardStatus.COMPLETED);

        assertEquals(1, count("sir.donations.checkouts", "provider", "stripe", "result", "unavailable"));
        assertEquals(0, count("sir.donations.checkouts", "provider", "every.org", "result", "unavailable"));
        assertEquals(0, count("sir.donations.checkouts", "provider", "stripe", "result", "created"));
        assertEquals(1, count("sir.donations.notifications", "provider", "every.org", "outcome", "rejected"));
        assertEquals(0, count("sir.donations.notifications", "provider", "stripe", "outcome", "rejected"));
        assertEquals(1, count("sir.donations.charges", "provider", "stripe", "status", "failed"));
        assertEquals(0, count("sir.donations.charges", "provider", "stripe", "status", "completed"));
        assertEquals(1, count("sir.donations.rewards", "provider", "every.org", "status", "failed"));
        assertEquals(
                0,
                registry.find("sir.donations.rewards").tag("status", "completed").counters().stream()
                        .mapToDouble(Counter::count)
                        .sum());
    }
}
