package org.sirgiving.webhooks.service;

import java.util.List;
import java.util.Map;
import org.sirgiving.webhooks.domain.DeliveryAttempt;
import org.sirgiving.webhooks.domain.WebhookDelivery;

/** One page of an endpoint's deliveries, newest first, each with its attempts in order, and how many there are. */
public record DeliveryPage(List<WebhookDelivery> deliveries, Map<String, List<DeliveryAttempt>> attempts, long total) {

    public List<DeliveryAttempt> attemptsOf(WebhookDelivery d) {
        return attempts.getOrDefault(d.id, List.of());
    }
}
