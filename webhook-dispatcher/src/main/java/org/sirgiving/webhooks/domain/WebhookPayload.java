package org.sirgiving.webhooks.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.sirgiving.events.EventJson;

/**
 * The partner-facing envelope {@code {id, type, createdAt, data}}. It is serialized once, when the delivery is
 * queued; the stored string is what every attempt signs and sends, so retries are byte-identical.
 */
public final class WebhookPayload {
    public static String of(String eventId, String type, Instant createdAt, JsonNode data) {
        ObjectNode body = EventJson.MAPPER.createObjectNode();
        body.put("id", eventId);
        body.put("type", type);
        body.put("createdAt", DateTimeFormatter.ISO_INSTANT.format(createdAt));
        body.set("data", data == null ? NullNode.getInstance() : data);
        return EventJson.write(body);
    }

    private WebhookPayload() {}
}
