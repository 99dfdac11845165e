package org.sirgiving.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

/**
 * The JSON envelope of every record on every topic. {@code id} is unique and is what consumers dedupe on.
 * {@code correlationId} follows one partner request through every service (it is the request id).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventEnvelope(
        String id,
        String type,
        Instant occurredAt,
        String partnerId,
        Environment environment,
        int schemaVersion,
        String correlationId,
        JsonNode data) {

    public static final int SCHEMA_VERSION = 1;

    public static EventEnvelope of(String type, String partnerId, Environment environment, String correlationId,
                                   Object data) {
        return new EventEnvelope("evt_" + UUID.randomUUID().toString().replace("-", ""), type, Instant.now(),
                partnerId, environment, SCHEMA_VERSION, correlationId, EventJson.MAPPER.valueToTree(data));
    }

    public <T> T dataAs(Class<T> type) {
        return EventJson.read(data, type);
    }
}
