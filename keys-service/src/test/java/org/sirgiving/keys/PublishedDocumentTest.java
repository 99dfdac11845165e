package org.sirgiving.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.PostgresDatabaseResource;

/**
 * What a partner reads in keys-service's OpenAPI document (issue 12). The other tests hold every answer to the
 * document (libs/test-infra OpenApiContract); this one holds the document to what such validation cannot see: every
 * public operation named and secured, no framework internals, and no 200 where the code answers 201 or 204.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class PublishedDocumentTest {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    private JsonNode document;

    @BeforeEach
    void read() throws Exception {
        String json = RestAssured.get("/q/openapi?format=JSON")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        document = new ObjectMapper().readTree(json);
    }

    @Test
    void everyPublicOperationHasAUniqueIdASummaryAndItsAuthSurface() {
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        document.path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                    if (!METHODS.contains(op.getKey())) {
                        return;
                    }
                    String name = op.getKey().toUpperCase() + " " + path.getKey();
                    JsonNode operation = op.getValue();
                    String id = operation.path("operationId").asText();
                    if (id.isEmpty() || !ids.add(id)) {
                        problems.add(name + ": operationId missing or repeated: '" + id + "'");
                    }
                    if (operation.path("summary").asText().isBlank()) {
                        problems.add(name + ": no summary");
                    }
                    if (operation.path("security").isEmpty()) {
                        problems.add(name + ": no security requirement (x-sir-auth)");
                    }
                    if (operation.toString().contains("x-sir-auth")) {
                        problems.add(name + ": x-sir-auth left in the document");
                    }
                }));
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
        assertEquals(20, ids.size(), "the public operations of keys-service: " + ids);
    }

    @Test
    void internalEndpointsAndFrameworkTypesStayOutOfTheDocument() {
        document.path("paths").fieldNames().forEachRemaining(path -> assertTrue(path.startsWith("/v1/"), path));
        Set<String> schemas = new HashSet<>();
        document.path("components").path("schemas").fieldNames().forEachRemaining(schemas::add);
        for (String internal : List.of("RoutingContext", "JsonNode", "JsonNodeType", "Buffer", "ByteBuf")) {
            assertFalse(schemas.contains(internal), internal + " is documented as if partners sent it");
        }
    }

    @Test
    void createdAndRevokedKeysAreDocumentedWithTheStatusesTheyAnswer() {
        JsonNode keys = document.path("paths").path("/v1/partner/keys");
        JsonNode created = keys.path("post").path("responses");
        assertTrue(created.has("201"), "POST /v1/partner/keys answers 201");
        assertFalse(created.has("200"), "POST /v1/partner/keys never answers 200");
        assertEquals(
                "#/components/schemas/CreatedApiKey",
                created.path("201")
                        .path("content")
                        .path("application/json")
                        .path("schema")
                        .path("$ref")
                        .asText());

        JsonNode revoke = document.path("paths").path("/v1/partner/keys/{id}").path("delete");
        assertTrue(revoke.path("responses").has("204"), "DELETE /v1/partner/keys/{id} answers 204");
        assertFalse(revoke.path("responses").has("200"), "DELETE /v1/partner/keys/{id} never answers 200");
        assertTrue(revoke.path("requestBody").isMissingNode(), "DELETE takes no body: " + revoke.path("requestBody"));
        assertTrue(revoke.path("responses").path("204").path("content").isMissingNode(), "204 has no body");
        assertTrue(
                document.path("paths")
                        .path("/v1/admin/credentials/resync")
                        .path("post")
                        .path("requestBody")
                        .isMissingNode(),
                "the resync takes no body");
    }

    @Test
    void theKeyUpdateDocumentsItsFieldsNotAJsonTree() {
        JsonNode body = document.path("paths")
                .path("/v1/partner/keys/{id}")
                .path("patch")
                .path("requestBody")
                .path("content")
                .path("application/json")
                .path("schema");
        assertEquals(
                "#/components/schemas/UpdateApiKeyRequest", body.path("$ref").asText());
        JsonNode fields = document.path("components")
                .path("schemas")
                .path("UpdateApiKeyRequest")
                .path("properties");
        Set<String> names = new HashSet<>();
        fields.fieldNames().forEachRemaining(names::add);
        assertEquals(Set.of("name", "isActive", "expiresAt"), names);
        assertTrue(fields.path("expiresAt").path("type").toString().contains("null"), "expiresAt: null clears it");
    }

    @Test
    void closedSetsAreEnumsInTheDocument() {
        JsonNode schemas = document.path("components").path("schemas");
        Map<String, String> closed = Map.of(
                "ApiKey", "environment",
                "CreateApiKeyRequest", "environment",
                "PartnerInfo", "status",
                "Partner", "tier",
                "ProductionRequest", "status",
                "OperatorDecision", "decision",
                "ApproveProductionRequest", "tier");
        closed.forEach((schema, field) -> assertFalse(
                schemas.path(schema).path("properties").path(field).path("enum").isEmpty(),
                schema + "." + field + " is a closed set: "
                        + schemas.path(schema).path("properties").path(field)));
    }
}
