package org.sirgiving.kernel.idempotency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sirgiving.events.EventJson;
import org.sirgiving.kernel.crypto.Crypto;

/**
 * The one rule for "same request" under an idempotency key (actions' idempotencyKey, the Idempotency-Key header of
 * other creates): SHA-256 of the body with object keys sorted and whitespace dropped, so that a retry re-serialized by
 * another JSON library still counts as the same request.
 */
public final class RequestFingerprint {
    public static String of(byte[] body) {
        try {
            return Crypto.sha256Hex(EventJson.MAPPER.writeValueAsString(sorted(EventJson.MAPPER.readTree(body))));
        } catch (IOException e) {
            throw new IllegalArgumentException("Body is not JSON", e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            node.fields().forEachRemaining(fields::add);
            fields.sort(Map.Entry.comparingByKey());
            ObjectNode out = EventJson.MAPPER.createObjectNode();
            fields.forEach(f -> out.set(f.getKey(), sorted(f.getValue())));
            return out;
        }
        if (node.isArray()) {
            var out = EventJson.MAPPER.createArrayNode();
            node.forEach(n -> out.add(sorted(n)));
            return out;
        }
        return node;
    }

    private RequestFingerprint() {}
}
