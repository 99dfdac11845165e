package org.sirgiving.eventcontract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sirgiving.events.ActionType;
import org.sirgiving.events.Environment;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventJson;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.payload.ActionSubmitted;
import org.sirgiving.events.payload.ApiKeyExpiring;
import org.sirgiving.events.payload.DonationOutcome;
import org.sirgiving.events.payload.ProductionApproved;
import org.sirgiving.events.payload.Stakeholder;
import org.sirgiving.testinfra.EventSchemas;

/**
 * The schemas consumers read allow what v1 promises: fields added later. A strictly validating consumer must not break
 * on an addition, so no published schema closes an object; the producers' tests close them (EventSchemas.CLOSED).
 */
class PublishedSchemasTest {
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void noPublishedSchemaClosesAnObject() throws IOException {
        List<String> closed = new ArrayList<>();
        for (Path file : schemaFiles()) {
            findClosed(EventSchemas.read(file), file.getFileName() + "#", closed);
        }
        assertEquals(List.of(), closed);
    }

    @Test
    void everySchemaIsAValidDraft202012Schema() throws IOException {
        Schema meta = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        for (Path file : schemaFiles()) {
            List<Error> errors = meta.validate(EventSchemas.read(file));
            assertEquals(List.of(), errors.stream().map(Error::toString).toList(), file.toString());
        }
        ObjectNode broken = (ObjectNode) EventSchemas.read(EventSchemas.DIR.resolve("apiKey.expiring.json"));
        broken.put("type", "objekt");
        assertFalse(meta.validate(broken).isEmpty(), "the meta-schema check can fail");
    }

    @Test
    void anAddedFieldPassesThePublishedSchemaAndFailsTheProducersClosedCopy() {
        for (EventEnvelope sample : samples()) {
            ObjectNode event = EventJson.MAPPER.valueToTree(sample);
            assertEquals(List.of(), EventSchemas.CLOSED.problems(event), sample.type());

            ObjectNode addedToData = event.deepCopy();
            ((ObjectNode) addedToData.get("data")).put("addedInV1Later", "x");
            assertEquals(List.of(), EventSchemas.PUBLISHED.problems(addedToData), sample.type());
            assertFalse(EventSchemas.CLOSED.problems(addedToData).isEmpty(), sample.type());

            ObjectNode addedToEnvelope = event.deepCopy();
            addedToEnvelope.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
            assertEquals(List.of(), EventSchemas.PUBLISHED.problems(addedToEnvelope), sample.type());
            assertFalse(EventSchemas.CLOSED.problems(addedToEnvelope).isEmpty(), sample.type());

            ObjectNode missingRequired = event.deepCopy();
            ((ObjectNode) missingRequired.get("data")).remove(firstRequired(sample.type()));
            assertFalse(
                    EventSchemas.PUBLISHED.problems(missingRequired).isEmpty(), "open is not lax: " + sample.type());
        }
    }

    private static List<EventEnvelope> samples() {
        return List.of(
                EventEnvelope.of(
                        EventTypes.API_KEY_EXPIRING,
                        "ptn_0a1b2c",
                        Environment.SANDBOX,
                        null,
                        new ApiKeyExpiring(
                                "key_0a1b2c", "ci", "sandbox", "pk_test_0a1b2c", AT, "ops@goodshop.example")),
                EventEnvelope.decided(
                        "prq_1",
                        EventTypes.PARTNER_PRODUCTION_APPROVED,
                        "ptn_0a1b2c",
                        Environment.PRODUCTION,
                        "req-1",
                        new ProductionApproved("prq_1", 250_000, null, "ops-alice", AT)),
                EventEnvelope.of(
                        EventTypes.ACTION_SUBMITTED,
                        "ptn_0a1b2c",
                        Environment.SANDBOX,
                        "req-2",
                        new ActionSubmitted(
                                "act_0a1b2c",
                                "k-1",
                                ActionType.DONATION,
                                new BigDecimal("12.50"),
                                "USD",
                                List.of(new Stakeholder("DONOR", "u-1", null, null, null)),
                                true,
                                null,
                                AT,
                                1)),
                // donations-service's payload as the record writes it: a completed charge (rewarded by actionId) and
                // a failed one (no action; failureReason instead).
                EventEnvelope.of(
                        EventTypes.DONATION_COMPLETED,
                        "ptn_0a1b2c",
                        Environment.SANDBOX,
                        null,
                        new DonationOutcome(
                                "don_0a1b2c3d4e5f60718293a4b5",
                                "COMPLETED",
                                "givedirectly",
                                "org_5f1e0c2b9a8d7c6b5a4f3e2d",
                                2500,
                                "USD",
                                "monthly",
                                250,
                                "sandbox",
                                2,
                                "sandbox_ch_0a1b2c",
                                "act_9f8e7d6c5b4a39281706f5e4",
                                null)),
                EventEnvelope.of(
                        EventTypes.DONATION_FAILED,
                        "ptn_0a1b2c",
                        Environment.PRODUCTION,
                        null,
                        new DonationOutcome(
                                "don_0a1b2c3d4e5f60718293a4b5",
                                "FAILED",
                                "givedirectly",
                                "org_5f1e0c2b9a8d7c6b5a4f3e2d",
                                2500,
                                "USD",
                                "once",
                                0,
                                "stripe",
                                1,
                                "pi_3QxYz",
                                null,
                                "Your card was declined.")));
    }

    private static String firstRequired(String type) {
        JsonNode schema = EventSchemas.read(EventSchemas.DIR.resolve(type + ".json"));
        return schema.path("properties").path("data").path("required").get(0).asText();
    }

    private static void findClosed(JsonNode node, String path, List<String> closed) {
        if (node.isObject()) {
            for (String keyword : List.of("additionalProperties", "unevaluatedProperties")) {
                if (node.path(keyword).isBoolean() && !node.get(keyword).asBoolean()) {
                    closed.add(path + keyword);
                }
            }
            node.fields().forEachRemaining(e -> findClosed(e.getValue(), path + "/" + e.getKey(), closed));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                findClosed(node.get(i), path + "/" + i, closed);
            }
        }
    }

    private static List<Path> schemaFiles() throws IOException {
        try (Stream<Path> list = Files.list(EventSchemas.DIR)) {
            return list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }
}
