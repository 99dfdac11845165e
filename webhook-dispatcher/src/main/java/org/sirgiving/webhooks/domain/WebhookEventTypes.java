package org.sirgiving.webhooks.domain;

import java.util.List;
import java.util.Set;
import org.sirgiving.events.EventTypes;

/** The event types partners can subscribe to (docs/partner-api.md section 6), and the test event. */
public final class WebhookEventTypes {
    public static final List<String> SUBSCRIBABLE = List.of(
            EventTypes.ACTION_COMPLETED,
            EventTypes.ACTION_FAILED,
            EventTypes.TRANSACTION_COMPLETED,
            EventTypes.ACTION_REVERSED,
            EventTypes.TOKEN_POOL_LOW_BALANCE,
            EventTypes.TOKEN_POOL_DEPLETED,
            EventTypes.CAMPAIGN_STARTED,
            EventTypes.CAMPAIGN_ENDED,
            EventTypes.API_KEY_EXPIRING,
            EventTypes.DONATION_COMPLETED,
            EventTypes.DONATION_FAILED);
    private static final Set<String> KNOWN = Set.copyOf(SUBSCRIBABLE);

    /** Sent only by {@code POST /v1/partner/webhooks/{id}/test}, to that endpoint, whatever it subscribes to. */
    public static final String TEST = "webhook.test";

    public static boolean isSubscribable(String type) {
        return type != null && KNOWN.contains(type);
    }

    private WebhookEventTypes() {}
}
