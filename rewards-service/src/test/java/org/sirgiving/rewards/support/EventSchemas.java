package org.sirgiving.rewards.support;

import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * The published event schemas of {@code docs/events/schemas}, read from the repository (not copied into the test), so
 * that the tests check the very files consumers read. Schema ids ({@code https://schemas.sirgiving.org/events/v1/…})
 * resolve to those files; nothing is fetched.
 */
public final class EventSchemas {
    public static final String BASE = "https://schemas.sirgiving.org/events/v1/";
    public static final Path DIR = locate();

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            b -> b.schemas(iri -> iri.startsWith(BASE) ? read(DIR.resolve(iri.substring(BASE.length()))) : null));
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    /** The schema for an event type, or null when the type has none. */
    public static Schema forType(String type) {
        if (!Files.exists(DIR.resolve(type + ".json"))) {
            return null;
        }
        return SCHEMAS.computeIfAbsent(type, t -> REGISTRY.getSchema(SchemaLocation.of(BASE + t + ".json")));
    }

    /** What is wrong with this event (an empty list: it matches its type's schema). */
    public static List<String> problems(JsonNode event) {
        String type = event.path("type").asText();
        Schema schema = forType(type);
        if (schema == null) {
            return List.of("no schema for event type '" + type + "' in " + DIR);
        }
        return schema.validate(event).stream().map(Error::toString).toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
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

    private EventSchemas() {}
}
