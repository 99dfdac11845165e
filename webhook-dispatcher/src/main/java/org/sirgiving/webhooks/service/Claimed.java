package org.sirgiving.webhooks.service;

import java.util.Map;
import org.sirgiving.kernel.tracing.StoredTrace;
import org.sirgiving.webhooks.domain.SigningSecrets;

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
        SigningSecrets secrets,
        StoredTrace trace) {}
