package org.sirgiving.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.sirgiving.sdk.model.Action;
import org.sirgiving.sdk.model.ActionPage;
import org.sirgiving.sdk.model.AllocationRequest;
import org.sirgiving.sdk.model.Campaign;
import org.sirgiving.sdk.model.CampaignRequest;
import org.sirgiving.sdk.model.CreateDonationLinkRequest;
import org.sirgiving.sdk.model.CreateUserRequest;
import org.sirgiving.sdk.model.Dashboard;
import org.sirgiving.sdk.model.Donation;
import org.sirgiving.sdk.model.DonationFrequency;
import org.sirgiving.sdk.model.DonationLink;
import org.sirgiving.sdk.model.DonationProvider;
import org.sirgiving.sdk.model.DonationStatus;
import org.sirgiving.sdk.model.Feature;
import org.sirgiving.sdk.model.IssuedWebhookEndpoint;
import org.sirgiving.sdk.model.LedgerEntry;
import org.sirgiving.sdk.model.Organization;
import org.sirgiving.sdk.model.OrganizationStatus;
import org.sirgiving.sdk.model.Page;
import org.sirgiving.sdk.model.PartnerConfig;
import org.sirgiving.sdk.model.PartnerUser;
import org.sirgiving.sdk.model.RequestAllocationRequest;
import org.sirgiving.sdk.model.ReverseActionRequest;
import org.sirgiving.sdk.model.RewardStatus;
import org.sirgiving.sdk.model.SubmitActionRequest;
import org.sirgiving.sdk.model.TokenPool;
import org.sirgiving.sdk.model.Transaction;
import org.sirgiving.sdk.model.UpdatePartnerConfigRequest;
import org.sirgiving.sdk.model.UpdateUserRequest;
import org.sirgiving.sdk.model.UserBalance;
import org.sirgiving.sdk.model.WebhookDelivery;
import org.sirgiving.sdk.model.WebhookEndpoint;
import org.sirgiving.sdk.model.WebhookEndpointRequest;

/**
 * The SDK's records held to the one partner OpenAPI document (docs/partners/openapi.json), found by method and path so
 * that schema names and operationIds may change: every answer record has exactly the properties of its operation's
 * 2xx schema, and every request record can send every property of its operation's body.
 */
class ModelsMatchTheDocumentTest {
    private static final Path DOCUMENT = Path.of(System.getProperty("sir.partner.openapi", "missing"));

    private record Operation(String method, String path, Class<?> answer, Class<?> pageOf, Class<?> request) {}

    private static final Operation[] OPERATIONS = {
        new Operation("post", "/v1/partner/actions/submit", Action.class, null, SubmitActionRequest.class),
        new Operation("get", "/v1/partner/actions/{actionId}", Action.class, null, null),
        new Operation("get", "/v1/partner/actions", ActionPage.class, null, null),
        new Operation("post", "/v1/partner/actions/{actionId}/reverse", Action.class, null, ReverseActionRequest.class),
        new Operation("post", "/v1/partner/users", PartnerUser.class, null, CreateUserRequest.class),
        new Operation("get", "/v1/partner/users", Page.class, PartnerUser.class, null),
        new Operation("get", "/v1/partner/users/{externalId}", PartnerUser.class, null, null),
        new Operation("patch", "/v1/partner/users/{externalId}", PartnerUser.class, null, UpdateUserRequest.class),
        new Operation("get", "/v1/partner/users/{externalId}/balance", UserBalance.class, null, null),
        new Operation("get", "/v1/partner/users/{externalId}/transactions", Page.class, Transaction.class, null),
        new Operation("get", "/v1/partner/token-pools", Page.class, TokenPool.class, null),
        new Operation("get", "/v1/partner/token-pools/{id}", TokenPool.class, null, null),
        new Operation("get", "/v1/partner/token-pools/{id}/ledger", Page.class, LedgerEntry.class, null),
        new Operation(
                "post",
                "/v1/partner/token-pools/request",
                AllocationRequest.class,
                null,
                RequestAllocationRequest.class),
        new Operation("get", "/v1/partner/token-pools/requests", Page.class, AllocationRequest.class, null),
        new Operation("post", "/v1/partner/campaigns", Campaign.class, null, CampaignRequest.class),
        new Operation("get", "/v1/partner/campaigns", Page.class, Campaign.class, null),
        new Operation("get", "/v1/partner/campaigns/{id}", Campaign.class, null, null),
        new Operation("patch", "/v1/partner/campaigns/{id}", Campaign.class, null, CampaignRequest.class),
        new Operation("post", "/v1/partner/webhooks", IssuedWebhookEndpoint.class, null, WebhookEndpointRequest.class),
        new Operation("get", "/v1/partner/webhooks", Page.class, WebhookEndpoint.class, null),
        new Operation("get", "/v1/partner/webhooks/{id}", WebhookEndpoint.class, null, null),
        new Operation("patch", "/v1/partner/webhooks/{id}", WebhookEndpoint.class, null, WebhookEndpointRequest.class),
        new Operation("post", "/v1/partner/webhooks/{id}/rotate-secret", IssuedWebhookEndpoint.class, null, null),
        new Operation("post", "/v1/partner/webhooks/{id}/reveal-secret", IssuedWebhookEndpoint.class, null, null),
        new Operation("post", "/v1/partner/webhooks/{id}/test", WebhookDelivery.class, null, null),
        new Operation("get", "/v1/partner/webhooks/{id}/deliveries", Page.class, WebhookDelivery.class, null),
        new Operation(
                "post", "/v1/partner/webhooks/deliveries/{deliveryId}/redeliver", WebhookDelivery.class, null, null),
        new Operation("get", "/v1/partner/organizations", Page.class, Organization.class, null),
        new Operation("get", "/v1/partner/organizations/{slug}", Organization.class, null, null),
        new Operation(
                "post", "/v1/partner/donations/create-link", DonationLink.class, null, CreateDonationLinkRequest.class),
        new Operation("get", "/v1/partner/donations/status/{partnerDonationId}", Donation.class, null, null),
        new Operation("get", "/v1/partner/config", PartnerConfig.class, null, null),
        new Operation("patch", "/v1/partner/config", PartnerConfig.class, null, UpdatePartnerConfigRequest.class),
        new Operation("get", "/v1/partner/dashboard", Dashboard.class, null, null),
    };

    /**
     * A record inside an answer (or, with {@code inRequest}, inside a request body), reached from the operation's
     * schema by property names; an array property steps into its items.
     */
    private record Nested(String method, String path, String properties, Class<?> record, boolean inRequest) {}

    private static final Nested[] NESTED = {
        new Nested("get", "/v1/partner/donations/status/{partnerDonationId}", "charges", Donation.Charge.class, false),
        new Nested("get", "/v1/partner/donations/status/{partnerDonationId}", "reward", Donation.Reward.class, false),
        new Nested(
                "get",
                "/v1/partner/donations/status/{partnerDonationId}",
                "charges.reward",
                Donation.Reward.class,
                false),
        new Nested("get", "/v1/partner/config", "tipConfig", PartnerConfig.TipConfig.class, false),
        new Nested("patch", "/v1/partner/config", "tipConfig", PartnerConfig.TipConfig.class, true),
        new Nested("get", "/v1/partner/dashboard", "actions", Dashboard.ActionCounts.class, false),
    };

    /** An SDK enum and the property of an answer whose {@code enum} it must list exactly (besides UNKNOWN). */
    private record EnumOf(String method, String path, String properties, Class<? extends Enum<?>> sdkEnum) {}

    private static final EnumOf[] ENUMS = {
        new EnumOf("get", "/v1/partner/organizations/{slug}", "status", OrganizationStatus.class),
        new EnumOf("get", "/v1/partner/donations/status/{partnerDonationId}", "status", DonationStatus.class),
        new EnumOf("get", "/v1/partner/donations/status/{partnerDonationId}", "frequency", DonationFrequency.class),
        new EnumOf("get", "/v1/partner/donations/status/{partnerDonationId}", "provider", DonationProvider.class),
        new EnumOf("get", "/v1/partner/donations/status/{partnerDonationId}", "reward.status", RewardStatus.class),
        new EnumOf("get", "/v1/partner/config", "enabledFeatures", Feature.class),
    };

    private static JsonNode document() throws Exception {
        assertTrue(Files.isRegularFile(DOCUMENT), "no partner OpenAPI document at " + DOCUMENT);
        return new ObjectMapper().readTree(DOCUMENT.toFile());
    }

    @TestFactory
    Stream<DynamicTest> everyRecordHasTheFieldsOfItsOperationsSchema() throws Exception {
        JsonNode doc = document();
        return Arrays.stream(OPERATIONS)
                .map(op -> DynamicTest.dynamicTest(op.method().toUpperCase() + " " + op.path(), () -> {
                    JsonNode operation = doc.path("paths").path(op.path()).path(op.method());
                    assertTrue(operation.isObject(), "the document has no " + op.method() + " " + op.path());
                    JsonNode answer = resolve(doc, successSchema(operation));
                    assertEquals(
                            properties(doc, answer),
                            components(op.answer()),
                            op.answer().getSimpleName());
                    if (op.pageOf() != null) {
                        JsonNode item = resolve(
                                doc, answer.path("properties").path("data").path("items"));
                        assertEquals(
                                properties(doc, item),
                                components(op.pageOf()),
                                op.pageOf().getSimpleName());
                    }
                    if (op.request() != null) {
                        JsonNode body = resolve(
                                doc,
                                operation
                                        .path("requestBody")
                                        .path("content")
                                        .path("application/json")
                                        .path("schema"));
                        Set<String> missing = properties(doc, body);
                        missing.removeAll(components(op.request()));
                        assertTrue(missing.isEmpty(), op.request().getSimpleName() + " cannot send " + missing);
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyNestedRecordHasTheFieldsOfItsSchema() throws Exception {
        JsonNode doc = document();
        return Arrays.stream(NESTED)
                .map(n -> DynamicTest.dynamicTest(
                        n.method().toUpperCase() + " " + n.path() + " " + n.properties(), () -> {
                            JsonNode operation =
                                    doc.path("paths").path(n.path()).path(n.method());
                            assertTrue(operation.isObject(), "the document has no " + n.method() + " " + n.path());
                            JsonNode root = n.inRequest()
                                    ? operation
                                            .path("requestBody")
                                            .path("content")
                                            .path("application/json")
                                            .path("schema")
                                    : successSchema(operation);
                            JsonNode schema = follow(doc, root, n.properties());
                            Set<String> documented = properties(doc, schema);
                            assertTrue(!documented.isEmpty(), "no properties at " + n.properties());
                            if (n.inRequest()) {
                                documented.removeAll(components(n.record()));
                                assertTrue(
                                        documented.isEmpty(),
                                        n.record().getSimpleName() + " cannot send " + documented);
                            } else {
                                assertEquals(
                                        documented,
                                        components(n.record()),
                                        n.record().getName());
                            }
                        }));
    }

    @TestFactory
    Stream<DynamicTest> everyEnumOfTheSdkListsTheDocumentsValues() throws Exception {
        JsonNode doc = document();
        ObjectMapper sdk = Json.newMapper();
        return Arrays.stream(ENUMS)
                .map(e -> DynamicTest.dynamicTest(e.sdkEnum().getSimpleName(), () -> {
                    JsonNode operation = doc.path("paths").path(e.path()).path(e.method());
                    JsonNode schema = follow(doc, successSchema(operation), e.properties());
                    Set<String> documented = new TreeSet<>();
                    resolve(doc, schema).path("enum").forEach(v -> documented.add(v.asText()));
                    assertTrue(!documented.isEmpty(), "no enum at " + e.properties());
                    // the wire spelling, as Jackson writes it (@JsonProperty: "every.org", "once")
                    Set<String> sdkValues = new TreeSet<>();
                    for (Enum<?> constant : e.sdkEnum().getEnumConstants()) {
                        if (!constant.name().equals("UNKNOWN")) {
                            sdkValues.add(sdk.convertValue(constant, String.class));
                        }
                    }
                    assertEquals(documented, sdkValues, e.sdkEnum().getSimpleName());
                }));
    }

    /** From a schema down a dotted path of property names, into the items of an array on the way. */
    private static JsonNode follow(JsonNode doc, JsonNode schema, String dotted) {
        JsonNode s = items(doc, resolve(doc, schema));
        for (String name : List.of(dotted.split("\\."))) {
            JsonNode next = null;
            for (JsonNode part : allParts(doc, s)) {
                if (part.path("properties").has(name)) {
                    next = part.path("properties").get(name);
                }
            }
            assertTrue(next != null, "no property " + name + " on the way to " + dotted);
            s = items(doc, resolve(doc, next));
        }
        return s;
    }

    private static JsonNode items(JsonNode doc, JsonNode schema) {
        return schema.has("items") ? resolve(doc, schema.get("items")) : schema;
    }

    private static List<JsonNode> allParts(JsonNode doc, JsonNode schema) {
        List<JsonNode> parts = new ArrayList<>(List.of(schema));
        for (JsonNode part : schema.path("allOf")) {
            parts.addAll(allParts(doc, resolve(doc, part)));
        }
        return parts;
    }

    @Test
    void everyErrorCodeOfTheDocumentIsAnErrorCodeOfTheSdk() throws Exception {
        JsonNode doc = document();
        JsonNode code = resolve(doc, doc.path("components").path("schemas").path("ApiError"))
                .path("properties")
                .path("code");
        JsonNode values = resolve(doc, code).path("enum");
        assertTrue(values.size() > 0, "ApiError.code has no enum");
        for (JsonNode v : values) {
            assertTrue(ErrorCode.of(v.asText()) != ErrorCode.UNKNOWN, v.asText() + " is not in ErrorCode");
        }
    }

    private static JsonNode successSchema(JsonNode operation) {
        var statuses = operation.path("responses").fieldNames();
        while (statuses.hasNext()) {
            String status = statuses.next();
            if (status.startsWith("2")) {
                return operation
                        .path("responses")
                        .path(status)
                        .path("content")
                        .path("application/json")
                        .path("schema");
            }
        }
        throw new AssertionError("no 2xx answer with a JSON body");
    }

    /** Follows {@code $ref}s and the 3.1 spelling of a nullable reference ({@code anyOf: [$ref, null]}). */
    private static JsonNode resolve(JsonNode doc, JsonNode schema) {
        JsonNode s = schema;
        for (int i = 0; i < 10; i++) {
            if (s.has("$ref")) {
                String[] parts = s.get("$ref").asText().substring(2).split("/");
                JsonNode target = doc;
                for (String p : parts) {
                    target = target.path(p);
                }
                s = target;
            } else if (s.has("anyOf") || s.has("oneOf")) {
                JsonNode options = s.has("anyOf") ? s.get("anyOf") : s.get("oneOf");
                JsonNode chosen = null;
                for (JsonNode o : options) {
                    if (!"null".equals(o.path("type").asText())) {
                        chosen = o;
                    }
                }
                s = chosen == null ? s : chosen;
                if (chosen == null) {
                    break;
                }
            } else {
                break;
            }
        }
        return s;
    }

    private static Set<String> properties(JsonNode doc, JsonNode schema) {
        Set<String> names = new TreeSet<>();
        schema.path("properties").fieldNames().forEachRemaining(names::add);
        for (JsonNode part : schema.path("allOf")) {
            names.addAll(properties(doc, resolve(doc, part)));
        }
        return names;
    }

    private static Set<String> components(Class<?> record) {
        return Arrays.stream(record.getRecordComponents())
                .map(c -> c.getName())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
