package org.sirgiving.rewards.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import org.sirgiving.rewards.domain.PartnerScope;
import org.sirgiving.rewards.service.WebhookDispatcherClient.DeliveryCounts;

/**
 * The partner's webhook delivery figures, asked of webhook-dispatcher, which owns the deliveries (docs/architecture.md
 * "Decisions"). The dashboard must answer even when webhook-dispatcher cannot: past a short timeout, or on any failure,
 * the figures are unknown (null) rather than an error.
 */
@ApplicationScoped
public class WebhookDeliveries {
    private static final Logger LOG = Logger.getLogger(WebhookDeliveries.class);

    private final WebhookDispatcherClient client;
    private final String internalToken;
    private final Duration timeout;

    public WebhookDeliveries(
            @RestClient WebhookDispatcherClient client,
            @ConfigProperty(name = "sir.internal.token") String internalToken,
            @ConfigProperty(name = "sir.dashboard.webhook-stats-timeout") Duration timeout) {
        this.client = client;
        this.internalToken = internalToken;
        this.timeout = timeout;
    }

    /** Deliveries decided in {@code [from, to)} and open now; null when webhook-dispatcher does not answer in time. */
    public Uni<DeliveryCounts> countsOrNull(PartnerScope owner, Instant from, Instant to) {
        return Uni.createFrom()
                .deferred(() -> client.deliveryStats(
                        owner.partnerId(), owner.environmentName(), from.toString(), to.toString(), internalToken))
                .ifNoItem()
                .after(timeout)
                .fail()
                .onFailure()
                .invoke(e -> LOG.warnf("Webhook delivery figures unavailable: %s", e.toString()))
                .onFailure()
                .recoverWithNull();
    }
}
