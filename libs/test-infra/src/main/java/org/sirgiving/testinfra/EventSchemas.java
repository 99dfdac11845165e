package org.sirgiving.testinfra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventJson;

/**
 * The published event schemas of {@code docs/events/schemas}, read from the repository (not copied into the tests), so
 * that the tests check the very files consumers read. Schema ids ({@code https://schemas.sirgiving.org/events/v1/…})
 * resolve to those files; nothing is fetched.
 * <p>
 * Two readings of the same files. {@link #PUBLISHED}: as consumers get them, open to fields added within v1.
 * {@link #CLOSED}: every object that lists its properties is closed ({@code additionalProperties: false}), which is
 * what producers' tests validate against, so that a field added in code without its schema fails them.
 */
public final class EventSchemas {
    public static final String BASE = "https://schemas.sirgiving.org/events/v1/";
    public static final Path DIR = locate();

    public static final EventSchemas PUBLISHED = new EventSchemas(UnaryOperator.identity());
    public static final EventSchemas CLOSED = new EventSchemas(EventSchemas::close);

    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private EventSchemas(UnaryOperator<JsonNode> reading) {
        this.registry = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12,
                b -> b.schemas(iri -> iri.startsWith(BASE)
                        ? reading.apply(read(DIR.resolve(iri.substring(BASE.length()))))
                                .toString()
                        : null));
    }

    /** Whether an event type has a schema file. */
    public static boolean exists(String type) {
        return Files.exists(DIR.resolve(type + ".json"));
    }

    /** The schema for an event type, or null when the type has none. */
    public Schema forType(String type) {
        if (!exists(type)) {
            return null;
        }
        return schemas.computeIfAbsent(type, t -> registry.getSchema(SchemaLocation.of(BASE + t + ".json")));
    }

    /** What is wrong with this event (an empty list: it matches its type's schema). */
    public List<String> problems(JsonNode event) {
        String type = event.path("type").asText();
        Schema schema = forType(type);
        if (schema == null) {
            return List.of("no schema for event type '" + type + "' in " + DIR);
        }
        return schema.validate(event).stream().map(Error::toString).toList();
    }

    /** The same for an event as it goes on the wire. */
    public List<String> problems(EventEnvelope event) {
        return problems(EventJson.MAPPER.valueToTree(event));
    }

    /** Throws unless the event matches its type's schema. */
    public void assertMatches(EventEnvelope event) {
        List<String> problems = problems(event);
        if (!problems.isEmpty()) {
            throw new AssertionError(event.type() + " " + event.id() + " does not match its schema: " + problems);
        }
    }

    /** A copy of the schema in which every object with listed properties accepts no other property. */
    public static JsonNode close(JsonNode schema) {
        JsonNode copy = schema.deepCopy();
        closeInPlace(copy);
        return copy;
    }

    private static void closeInPlace(JsonNode node) {
        if (node instanceof ObjectNode object
                && object.has("properties")
                && object.path("type").asText().equals("object")) {
            object.put("additionalProperties", false);
        }
        node.forEach(EventSchemas::closeInPlace);
    }

    /** A schema file as JSON. */
    public static JsonNode read(Path file) {
        try {
            return EventJson.MAPPER.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(file + " is not JSON", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs/events/schemas");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "docs/events/schemas not found above " + Path.of("").toAbsolutePath());
    }
}
