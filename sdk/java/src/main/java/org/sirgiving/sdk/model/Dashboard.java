package org.sirgiving.sdk.model;

import java.time.Instant;

/**
 * {@code GET /v1/partner/dashboard}: the partner's figures for the key's environment over {@code [from, to]}.
 * {@code poolBalance} is null without a pool; {@code webhookDeliverySuccessRate} (0 to 1) and
 * {@code webhookDeliveriesPending} are null when the figure is unavailable.
 */
public record Dashboard(
        Instant from,
        Instant to,
        String environment,
        ActionCounts actions,
        long tokensDistributed,
        long activeUsers,
        Long poolBalance,
        Double webhookDeliverySuccessRate,
        Long webhookDeliveriesPending) {

    /** Actions decided in the window: rewarded and not reversed, rewarded then reversed, refused. */
    public record ActionCounts(long completed, long reversed, long failed) {}
}
