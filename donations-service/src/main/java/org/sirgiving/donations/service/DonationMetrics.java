package org.sirgiving.donations.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.sirgiving.donations.domain.RewardStatus;
import org.sirgiving.donations.provider.Provider;
import org.sirgiving.donations.provider.ProviderUnavailable;
import org.sirgiving.kernel.errors.ApiException;

/**
 * What operators see of donations working or not (docs/operations.md, "Alerts": SirDonationNotificationsRejected,
 * SirDonationCheckoutsUnavailable; the dashboard's Donations row):
 *
 * <ul>
 *   <li>{@code sir_donations_checkouts_total{provider,result}}: each time a provider is asked for a checkout;
 *   <li>{@code sir_donations_notifications_total{provider,outcome}}: each provider notification (webhook or sandbox
 *       button);
 *   <li>{@code sir_donations_charges_total{provider,status}}: charges recorded, once each;
 *   <li>{@code sir_donations_rewards_total{provider,status}}: charges' rewards stored from rewards-service's outcomes.
 * </ul>
 *
 * Labels are the provider's wire name and an enum value: no partner or donation ids. Every series is registered at
 * start, at zero, so that a rate over the first failure after a restart is not lost and ratios have a denominator.
 */
@ApplicationScoped
public class DonationMetrics {
    /** How asking a provider for a checkout ended. */
    public enum CheckoutResult {
        /** The provider made the checkout; the partner gets the link. */
        CREATED,
        /** {@link ProviderUnavailable}: not configured, unreachable, refusing our key, failing: 503 to the partner. */
        UNAVAILABLE,
        /** The provider said no to this donation ({@link ApiException}: 4xx, e.g. Stripe's 422): the partner's. */
        REFUSED;

        /**
         * The result of a provider call that ended with {@code failure} (null: it succeeded); empty for a failure of
         * another type, a defect answered 500, which the HTTP 5xx figures show.
         */
        public static Optional<CheckoutResult> of(Throwable failure) {
            if (failure == null) {
                return Optional.of(CREATED);
            }
            if (failure instanceof ProviderUnavailable) {
                return Optional.of(UNAVAILABLE);
            }
            if (failure instanceof ApiException) {
                return Optional.of(REFUSED);
            }
            return Optional.empty();
        }
    }

    /** What became of a provider notification. */
    public enum NotificationOutcome {
        /** It changed a donation. */
        APPLIED,
        /** Authentic, but changed nothing: a duplicate, a donation not ours, an event kind we do not act on. */
        IGNORED,
        /** Its signature (Stripe) or secret (every.org) did not verify: a wrong secret, or not from the provider. */
        REJECTED
    }

    /** How a charge, or its reward, was decided: the {@code status} label of charges and rewards. */
    public enum Settlement {
        COMPLETED,
        FAILED
    }

    private final Map<Provider, Map<CheckoutResult, Counter>> checkouts = new EnumMap<>(Provider.class);
    private final Map<Provider, Map<NotificationOutcome, Counter>> notifications = new EnumMap<>(Provider.class);
    private final Map<Provider, Map<Settlement, Counter>> charges = new EnumMap<>(Provider.class);
    private final Map<Provider, Map<Settlement, Counter>> rewards = new EnumMap<>(Provider.class);

    public DonationMetrics(MeterRegistry registry) {
        for (Provider p : Provider.values()) {
            Map<CheckoutResult, Counter> byResult = new EnumMap<>(CheckoutResult.class);
            for (CheckoutResult r : CheckoutResult.values()) {
                byResult.put(
                        r,
                        Counter.builder("sir.donations.checkouts")
                                .description("Checkouts asked of a payment provider for a donation link, by result")
                                .tag("provider", p.wireName())
                                .tag("result", tag(r))
                                .register(registry));
            }
            checkouts.put(p, byResult);
            Map<NotificationOutcome, Counter> byOutcome = new EnumMap<>(NotificationOutcome.class);
            for (NotificationOutcome o : NotificationOutcome.values()) {
                byOutcome.put(
                        o,
                        Counter.builder("sir.donations.notifications")
                                .description("Payment provider notifications (webhooks, sandbox buttons), by outcome")
                                .tag("provider", p.wireName())
                                .tag("outcome", tag(o))
                                .register(registry));
            }
            notifications.put(p, byOutcome);
            charges.put(p, byStatus(registry, "sir.donations.charges", "Charges recorded on donations", p));
            rewards.put(
                    p,
                    byStatus(
                            registry,
                            "sir.donations.rewards",
                            "Rewards of completed charges stored from their DONATION action's outcome",
                            p));
        }
    }

    private static Map<Settlement, Counter> byStatus(
            MeterRegistry registry, String name, String description, Provider p) {
        Map<Settlement, Counter> byStatus = new EnumMap<>(Settlement.class);
        for (Settlement s : Settlement.values()) {
            byStatus.put(
                    s,
                    Counter.builder(name)
                            .description(description)
                            .tag("provider", p.wireName())
                            .tag("status", tag(s))
                            .register(registry));
        }
        return byStatus;
    }

    private static String tag(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    public void checkout(Provider provider, CheckoutResult result) {
        checkouts.get(provider).get(result).increment();
    }

    public void notification(Provider provider, NotificationOutcome outcome) {
        notifications.get(provider).get(outcome).increment();
    }

    /** A charge recorded: the provider took the donor's money ({@code succeeded}) or declined it. */
    void charge(Provider provider, boolean succeeded) {
        charges.get(provider)
                .get(succeeded ? Settlement.COMPLETED : Settlement.FAILED)
                .increment();
    }

    /** A charge's reward decided (COMPLETED or FAILED); a provider this build does not know is not counted. */
    void reward(String providerWireName, RewardStatus status) {
        Provider provider = Provider.fromWire(providerWireName);
        if (provider == null || status == RewardStatus.PENDING) {
            return;
        }
        rewards.get(provider)
                .get(status == RewardStatus.COMPLETED ? Settlement.COMPLETED : Settlement.FAILED)
                .increment();
    }
}
