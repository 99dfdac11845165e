package org.sirgiving.eventcontract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.TopicSpec;
import org.sirgiving.events.Topics;
import org.sirgiving.testinfra.EventSchemas;

/**
 * docs/events/asyncapi.yaml is a document AsyncAPI's own parser accepts without a diagnostic, and it lists every
 * topic the suite publishes with every event type published there, each with its schema file.
 */
class AsyncApiDocumentTest {
    static final Path EVENTS_DIR =
            Path.of(System.getProperty("sir.events.dir", "..")).toAbsolutePath();
    static final Path DOCUMENT = EVENTS_DIR.resolve("asyncapi.yaml");

    /** Who publishes what where (the producers: see docs/events/README.md). */
    private static final Map<String, Set<String>> PUBLISHED = Map.of(
            Topics.REWARD_LIFECYCLE,
            Set.of(
                    EventTypes.ACTION_COMPLETED,
                    EventTypes.ACTION_FAILED,
                    EventTypes.ACTION_REVERSED,
                    EventTypes.TRANSACTION_COMPLETED,
                    EventTypes.TOKEN_POOL_LOW_BALANCE,
                    EventTypes.TOKEN_POOL_DEPLETED,
                    EventTypes.CAMPAIGN_STARTED,
                    EventTypes.CAMPAIGN_ENDED,
                    EventTypes.API_KEY_EXPIRING,
                    EventTypes.DONATION_COMPLETED,
                    EventTypes.DONATION_FAILED),
            Topics.ACTIONS,
            Set.of(EventTypes.ACTION_SUBMITTED, EventTypes.ACTION_REVERSAL_REQUESTED),
            Topics.PARTNERS,
            Set.of(EventTypes.PARTNER_PRODUCTION_APPROVED),
            Topics.CREDENTIALS,
            Set.of(EventTypes.CREDENTIAL_UPDATED));

    @Test
    void theDocumentParsesWithoutErrorsOrWarnings() {
        AsyncApiParser.Result result = AsyncApiParser.parse(DOCUMENT);
        assertEquals(List.of(), result.errors());
        assertEquals(List.of(), result.warnings());
        assertTrue(result.parsed());
    }

    @Test
    void everyTopicAndEveryEventTypeInCodeHasAChannelAndAMessage() throws Exception {
        Map<String, Set<String>> declared = new TreeMap<>();
        for (AsyncApiParser.Channel c : AsyncApiParser.parse(DOCUMENT).channels()) {
            declared.put(
                    c.address(),
                    c.messages().stream()
                            .map(AsyncApiParser.Message::name)
                            .collect(Collectors.toCollection(TreeSet::new)));
        }
        Map<String, Set<String>> expected = new TreeMap<>();
        PUBLISHED.forEach((topic, types) -> expected.put(topic, new TreeSet<>(types)));
        assertEquals(expected, declared);

        Set<String> topicsInCode = Topics.ALL.stream()
                .map(TopicSpec::name)
                .filter(t -> !t.endsWith(Topics.DLQ_SUFFIX))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(topicsInCode, declared.keySet(), "a channel per topic in Topics.ALL (dead-letter copies aside)");
        Set<String> typesInDocument =
                declared.values().stream().flatMap(Set::stream).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(eventTypesInCode(), typesInDocument, "a message per constant of EventTypes");
    }

    @Test
    void everyMessageCarriesItsOwnSchemaAndEverySchemaIsUsed() throws IOException {
        Set<String> names = new TreeSet<>();
        for (AsyncApiParser.Channel c : AsyncApiParser.parse(DOCUMENT).channels()) {
            for (AsyncApiParser.Message m : c.messages()) {
                assertEquals(EventSchemas.BASE + m.name() + ".json", m.schemaId(), m.name());
                names.add(m.name());
            }
        }
        Set<String> files;
        try (Stream<Path> list = Files.list(EventSchemas.DIR)) {
            files = list.map(p -> p.getFileName().toString())
                    .filter(f -> !f.equals("envelope.json"))
                    .map(f -> f.substring(0, f.length() - ".json".length()))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(names, files);
    }

    @Test
    void aDocumentWithAnErrorIsRefused(@TempDir Path dir) throws IOException {
        Path schemas = Files.createDirectories(dir.resolve("schemas"));
        try (Stream<Path> list = Files.list(EventSchemas.DIR)) {
            for (Path f : list.toList()) {
                Files.copy(f, schemas.resolve(f.getFileName()));
            }
        }
        String text = Files.readString(DOCUMENT);

        Path missingSchema = dir.resolve("missing-schema.yaml");
        Files.writeString(missingSchema, text.replace("./schemas/apiKey.expiring.json", "./schemas/nowhere.json"));
        AsyncApiParser.Result missing = AsyncApiParser.parse(missingSchema);
        assertFalse(missing.errors().isEmpty(), "an unresolvable $ref is an error");

        Path badAction = dir.resolve("bad-action.yaml");
        Files.writeString(badAction, text.replace("action: send", "action: publish"));
        AsyncApiParser.Result bad = AsyncApiParser.parse(badAction);
        assertFalse(bad.errors().isEmpty(), "an AsyncAPI 2 verb in a 3.0 document is an error");
        assertFalse(bad.parsed());
    }

    private static Set<String> eventTypesInCode() throws IllegalAccessException {
        Set<String> types = new TreeSet<>();
        for (Field f : EventTypes.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                types.add((String) f.get(null));
            }
        }
        assertFalse(types.isEmpty(), Arrays.toString(EventTypes.class.getFields()));
        return types;
    }
}
