package org.sirgiving.helmtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sirgiving.helmtests.support.Manifests;
import org.sirgiving.helmtests.support.SchemaValidator;
import org.sirgiving.helmtests.support.SchemaValidator.Result;

/** Every rendered manifest against its Kubernetes (or Gateway API, prometheus-operator) schema, offline. */
class SchemaValidationTest {
    /** Kinds without an installed schema: checked structurally by KafkaTopicsTest. */
    private static final Set<String> CHECKED_ELSEWHERE = Set.of("kafka.strimzi.io/v1beta2 KafkaTopic");

    static Stream<Renders.Case> renders() {
        return Renders.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void everyRenderedManifestMatchesItsSchemaWithNoUnknownFieldsWrongTypesOrMissingRequiredFields(Renders.Case c) {
        List<JsonNode> docs = c.manifests().all();
        assertFalse(docs.isEmpty(), "nothing rendered");
        List<Result> results = SchemaValidator.validate(docs);
        assertEquals(docs.size(), results.size());
        List<String> problems =
                results.stream().filter(r -> !r.valid()).map(Result::describe).toList();
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
        List<String> unchecked = results.stream()
                .filter(r -> !r.supported())
                .map(r -> r.apiVersion() + " " + r.kind())
                .filter(k -> !CHECKED_ELSEWHERE.contains(k))
                .distinct()
                .toList();
        assertTrue(unchecked.isEmpty(), () -> "no schema for " + unchecked);
    }

    /** A key written twice (e.g. a label from two helpers) is kept once by the API server, silently: refuse it. */
    @Test
    void aKeyRenderedTwiceInOneMappingFailsTheParse() {
        UncheckedIOException e = Assertions.assertThrows(
                UncheckedIOException.class,
                () -> Manifests.parse("kind: ConfigMap\nmetadata:\n  labels:\n    a: x\n    a: y\n"));
        assertTrue(e.getMessage().contains("Duplicate field 'a'"), e.getMessage());
    }

    /** The validator itself: each kind of mistake it must catch, on an otherwise valid Deployment and HTTPRoute. */
    @Test
    void validatorReportsUnknownFieldsWrongTypesAndMissingRequiredFields() {
        JsonNode deployment = Renders.DEFAULTS.manifests().forService("Deployment", "keys-service");
        JsonNode route = Renders.GATEWAY.manifests().forService("HTTPRoute", "keys-service");

        ObjectNode unknownField = deployment.deepCopy();
        ((ObjectNode) Manifests.container(unknownField)).put("imagePullPolicyy", "Always");
        ObjectNode unknownDeep = deployment.deepCopy();
        ((ObjectNode) Manifests.container(unknownDeep).path("securityContext")).put("runAsRoot", false);
        ObjectNode wrongType = deployment.deepCopy();
        ((ObjectNode) wrongType.path("spec")).put("replicas", "two");
        ObjectNode missingRequired = deployment.deepCopy();
        ((ObjectNode) Manifests.container(missingRequired)).remove("name");
        ObjectNode routeUnknown = route.deepCopy();
        ((ObjectNode) routeUnknown.path("spec").path("rules").get(0)).put("timeoutz", "5s");

        List<Result> r = SchemaValidator.validate(
                List.of(deployment, unknownField, unknownDeep, wrongType, missingRequired, routeUnknown));

        assertTrue(r.get(0).valid(), r.get(0)::describe);
        assertEquals(
                List.of("/spec/template/spec/containers/0/imagePullPolicyy"),
                r.get(1).unknownFields());
        assertEquals(
                List.of("/spec/template/spec/containers/0/securityContext/runAsRoot"),
                r.get(2).unknownFields());
        assertTrue(r.get(3).errors().stream().anyMatch(e -> e.startsWith("/spec/replicas")), r.get(3)::describe);
        assertTrue(r.get(4).errors().stream().anyMatch(e -> e.contains("name")), r.get(4)::describe);
        assertEquals(List.of("/spec/rules/0/timeoutz"), r.get(5).unknownFields());
    }
}
