package org.sirgiving.helmtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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

/** Every rendered manifest against its Kubernetes (or Gateway API, prometheus-operator, Strimzi) schema, offline. */
class SchemaValidationTest {
    /** Kinds without an installed or vendored schema (none: Strimzi's come from its CRDs, src/test/resources/strimzi). */
    private static final Set<String> CHECKED_ELSEWHERE = Set.of();

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

    /** The Strimzi half of the validator: the vendored CRD schemas catch the same kinds of mistake. */
    @Test
    void validatorReportsStrimziMistakesAgainstTheVendoredCrdSchemas() {
        JsonNode user = Renders.PRODUCTION.manifests().forService("KafkaUser", "actions-service");
        JsonNode topic = Renders.PRODUCTION.manifests().get("KafkaTopic", "sir.actions.v1");

        ObjectNode unknownAclField = user.deepCopy();
        ((ObjectNode) unknownAclField
                        .path("spec")
                        .path("authorization")
                        .path("acls")
                        .get(0))
                .put("operation", "Read");
        ObjectNode wrongOperation = user.deepCopy();
        ((ArrayNode) wrongOperation
                        .path("spec")
                        .path("authorization")
                        .path("acls")
                        .get(0)
                        .path("operations"))
                .add("Consume");
        ObjectNode missingType = user.deepCopy();
        ((ObjectNode) missingType.path("spec").path("authorization")).remove("type");
        ObjectNode topicWrongType = topic.deepCopy();
        ((ObjectNode) topicWrongType.path("spec")).put("partitions", "six");
        ObjectNode unknownMetadata = topic.deepCopy();
        ((ObjectNode) unknownMetadata.path("metadata")).put("label", "x");
        ObjectNode v1beta2User = user.deepCopy();
        v1beta2User.put("apiVersion", "kafka.strimzi.io/v1beta2");

        List<Result> r = SchemaValidator.validate(List.of(
                user,
                topic,
                unknownAclField,
                wrongOperation,
                missingType,
                topicWrongType,
                unknownMetadata,
                v1beta2User));

        assertTrue(r.get(0).valid() && r.get(0).supported(), r.get(0)::describe);
        assertTrue(r.get(1).valid() && r.get(1).supported(), r.get(1)::describe);
        assertEquals(List.of("/spec/authorization/acls/0/operation"), r.get(2).unknownFields(), r.get(2)::describe);
        assertTrue(
                r.get(3).errors().stream().anyMatch(e -> e.startsWith("/spec/authorization/acls/0/operations/")),
                r.get(3)::describe);
        assertTrue(r.get(4).errors().stream().anyMatch(e -> e.contains("type")), r.get(4)::describe);
        assertTrue(r.get(5).errors().stream().anyMatch(e -> e.startsWith("/spec/partitions")), r.get(5)::describe);
        assertEquals(List.of("/metadata/label"), r.get(6).unknownFields(), r.get(6)::describe);
        assertTrue(r.get(7).valid() && r.get(7).supported(), r.get(7)::describe);
    }
}
