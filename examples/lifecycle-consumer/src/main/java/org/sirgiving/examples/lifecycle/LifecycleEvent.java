package org.sirgiving.examples.lifecycle;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The envelope of every record on {@code sir.reward-lifecycle.v1} (docs/events/schemas/envelope.json). Fields added
 * to the contract later are ignored; {@code data} stays a tree until a handler asks for its own view of it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LifecycleEvent(
        String id,
        String type,
        String occurredAt,
        String partnerId,
        String environment,
        int schemaVersion,
        String correlationId,
        JsonNode data) {

    /** {@code data} read as one of the payload records below (or a class of your own). */
    public <T> T data(Class<T> view) {
        try {
            return LifecycleEvents.JSON.treeToValue(data, view);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(type + " " + id + ": data is not a " + view.getSimpleName(), e);
        }
    }
}
