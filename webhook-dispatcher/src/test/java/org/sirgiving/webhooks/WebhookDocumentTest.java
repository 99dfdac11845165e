package org.sirgiving.webhooks;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sirgiving.events.EventJson;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.PostgresDatabaseResource;
import org.sirgiving.webhooks.domain.DeliveryState;
import org.sirgiving.webhooks.domain.WebhookEventTypes;

/**
 * What the contract tests cannot see in answers: the enumerations the document lists (an event type or status no test
 * happens to receive would otherwise go undocumented), and that every public operation is named and secured.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
class WebhookDocumentTest {

    private static JsonNode document() throws Exception {
        return EventJson.MAPPER.readTree(given().get("/q/openapi?format=JSON")
                .then()
                .statusCode(200)
                .extract()
                .asString());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void theSubscribableEventTypesAreTheDocumentsEnum() throws Exception {
        JsonNode schemas = document().path("components").path("schemas");
        assertEquals(
                WebhookEventTypes.SUBSCRIBABLE,
                texts(schemas.path("WebhookEventType").path("enum")));
        List<String> delivered = new ArrayList<>(WebhookEventTypes.SUBSCRIBABLE);
        delivered.add(WebhookEventTypes.TEST);
        assertEquals(
                delivered,
                texts(schemas.path("WebhookDelivery")
                        .path("properties")
                        .path("eventType")
                        .path("enum")));
    }

    @Test
    void everyDeliveryStateIsADocumentedStatus() throws Exception {
        JsonNode status = document()
                .path("components")
                .path("schemas")
                .path("WebhookDelivery")
                .path("properties")
                .path("status");
        assertEquals(Arrays.stream(DeliveryState.values()).map(Enum::name).toList(), texts(status.path("enum")));
    }

    @Test
    void everyPublicOperationIsNamedAndSecuredAndNoInternalOneIsListed() throws Exception {
        JsonNode document = document();
        Set<String> operationIds = new HashSet<>();
        int operations = 0;
        for (Map.Entry<String, JsonNode> path : iterable(document.path("paths").fields())) {
            assertTrue(path.getKey().startsWith("/v1/partner/webhooks"), path.getKey());
            for (Map.Entry<String, JsonNode> operation :
                    iterable(path.getValue().fields())) {
                String where = operation.getKey() + " " + path.getKey();
                JsonNode o = operation.getValue();
                assertTrue(o.path("operationId").isTextual(), where);
                assertTrue(operationIds.add(o.path("operationId").asText()), "operationId twice: " + where);
                assertFalse(o.path("security").isEmpty(), where);
                assertTrue(o.path("summary").isTextual(), where);
                operations++;
            }
        }
        assertEquals(10, operations);
        // The auth surface is an instruction to the kernel's filter, never part of the published document.
        assertFalse(document.toString().contains("x-sir-auth"), "x-sir-auth left in the document");
    }

    private static <T> Iterable<T> iterable(Iterator<T> it) {
        return () -> it;
    }
}
