package org.sirgiving.openapicontract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenApiDocumentCheckTest {
    /** A 3.1 document as SmallRye writes one: a nullable field as a type list, a numeric exclusive bound. */
    private static final String DOCUMENT = """
            {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
             "paths": {"/v1/things/{id}": {"get": {
               "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
               "responses": {
               "200": {"description": "ok",
                       "headers": {"X-Request-Id": {"schema": {"type": "string"}}},
                       "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}}}}},
             "components": {"schemas": {"Thing": {"type": "object", "required": ["id"],
               "properties": {"id": {"type": "string"}, "note": {"type": ["string", "null"]},
                              "size": {"type": "integer", "exclusiveMinimum": 0}}}}}}
            """;

    private static final Map<String, List<String>> HEADERS =
            Map.of("Content-Type", List.of("application/json"), "X-Request-Id", List.of("req_1"));
    private final OpenApiDocumentCheck check = OpenApiDocumentCheck.of(DOCUMENT);

    @Test
    void aDocumentedAnswerHasNoProblems() {
        assertEquals(
                List.of(),
                check.problems("GET", "/v1/things/a", 200, HEADERS, "{\"id\":\"a\",\"note\":null,\"size\":3}"));
    }

    @Test
    void anUndocumentedStatusIsAProblem() {
        assertTrue(check.problems("GET", "/v1/things/a", 201, HEADERS, "{\"id\":\"a\"}").stream()
                .anyMatch(p -> p.startsWith("validation.response.status.unknown")));
    }

    @Test
    void anUndocumentedFieldIsAProblemBecauseObjectsAreReadClosed() {
        assertEquals(
                1,
                check.problems("GET", "/v1/things/a", 200, HEADERS, "{\"id\":\"a\",\"colour\":\"red\"}")
                        .size());
    }

    @Test
    void theThreeOneFormsAreHeldAsTheyMean() {
        assertEquals(
                1,
                check.problems("GET", "/v1/things/a", 200, HEADERS, "{\"id\":\"a\",\"size\":0}")
                        .size());
        assertEquals(
                1,
                check.problems("GET", "/v1/things/a", 200, HEADERS, "{\"id\":\"a\",\"note\":5}")
                        .size());
    }

    @Test
    void anUndocumentedHeaderOfOursIsAProblemAndAGenericOneIsNot() {
        Map<String, List<String>> extra = Map.of(
                "X-Request-Id", List.of("req_1"),
                "Retry-After", List.of("1"),
                "X-Content-Type-Options", List.of("nosniff"));
        assertEquals(
                List.of("header Retry-After is sent with 200 but not documented"),
                check.problems("GET", "/v1/things/a", 200, extra, "{\"id\":\"a\"}"));
    }

    @Test
    void aPathTheDocumentDoesNotDescribeIsNotChecked() {
        assertEquals(List.of(), check.problems("GET", "/v1/other", 500, HEADERS, "oops"));
    }
}
