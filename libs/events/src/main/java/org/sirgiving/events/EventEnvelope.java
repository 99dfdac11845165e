package org.sirgiving.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The JSON envelope of every record on every topic. {@code id} is unique and is what consumers dedupe on.
 * {@code correlationId} follows one partner request through every service (it is the request id).
 * <p>
 * An event that announces a decision (an action's outcome, a reward's transaction) gets its id from the decision
 * ({@link #decided}): a re-announcement after a redelivery or a crash is then the same event, which webhook-dispatcher
 * delivers once and partners dedupe on. Only events that happen once by construction get a random id ({@link #of}).
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

    public static EventEnvelope of(
            String type, String partnerId, Environment environment, String correlationId, Object data) {
        return new EventEnvelope(
                "evt_" + UUID.randomUUID().toString().replace("-", ""),
                type,
                Instant.now(),
                partnerId,
                environment,
                SCHEMA_VERSION,
                correlationId,
                EventJson.MAPPER.valueToTree(data));
    }

    /**
     * An event whose id is derived from what it announces: {@code decision} names the decision uniquely (for example
     * the action id and the attempt it decides); the id is {@code evt_} + the first 32 hex digits of
     * SHA-256(decision + "|" + type), so announcing the same decision again yields the same id.
     */
    public static EventEnvelope decided(
            String decision,
            String type,
            String partnerId,
            Environment environment,
            String correlationId,
            Object data) {
        return new EventEnvelope(
                decidedId(decision, type),
                type,
                Instant.now(),
                partnerId,
                environment,
                SCHEMA_VERSION,
                correlationId,
                EventJson.MAPPER.valueToTree(data));
    }

    static String decidedId(String decision, String type) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((decision + "|" + type).getBytes(StandardCharsets.UTF_8));
            return "evt_" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    public <T> T dataAs(Class<T> type) {
        return EventJson.read(data, type);
    }
}
