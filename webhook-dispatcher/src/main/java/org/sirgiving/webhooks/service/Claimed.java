package org.sirgiving.webhooks.service;

import java.util.Map;
import org.sirgiving.kernel.tracing.StoredTrace;

/** A delivery claimed for one attempt: everything the sender needs, copied out of the claiming transaction. */
public record Claimed(
        String deliveryId,
        String leaseId,
        int attempt,
        String eventId,
        String payload,
        String endpointId,
        String url,
        Map<String, String> headers,
        String secretSealed,
        StoredTrace trace) {}
