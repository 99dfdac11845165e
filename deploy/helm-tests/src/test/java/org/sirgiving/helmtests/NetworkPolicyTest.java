package org.sirgiving.helmtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sirgiving.helmtests.support.Manifests.list;
import static org.sirgiving.helmtests.support.Manifests.texts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sirgiving.helmtests.support.Chart;
import org.sirgiving.helmtests.support.Manifests;

/** One NetworkPolicy per service: who may reach it, and where it may go. */
class NetworkPolicyTest {
    private static final List<String> PRIVATE_RANGES =
            List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16");

    static Stream<Renders.Case> renders() {
        return Renders.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void everyServiceHasANetworkPolicyForItsPodsCoveringIngressAndEgress(Renders.Case c) {
        Manifests m = c.manifests();
        assertEquals(Renders.SERVICES.size(), m.ofKind("NetworkPolicy").size());
        for (String s : Renders.SERVICES) {
            JsonNode np = m.forService("NetworkPolicy", s);
            assertEquals(
                    m.forService("Deployment", s).path("spec").path("selector").path("matchLabels"),
                    np.path("spec").path("podSelector").path("matchLabels"),
                    s);
            assertEquals(List.of("Ingress", "Egress"), texts(np.path("spec").path("policyTypes")), s);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void onlyTheGatewayMonitoringAndTheServicesThatCallAnInternalEndpointMayConnect(Renders.Case c) {
        Manifests m = c.manifests();
        for (String s : Renders.SERVICES) {
            JsonNode np = m.forService("NetworkPolicy", s);
            int port = Manifests.container(m.forService("Deployment", s))
                    .path("ports")
                    .get(0)
                    .path("containerPort")
                    .asInt();
            List<JsonNode> rules = list(np.path("spec").path("ingress"));
            for (JsonNode rule : rules) {
                assertEquals(
                        List.of(port),
                        list(rule.path("ports")).stream()
                                .map(p -> p.path("port").asInt())
                                .toList(),
                        s);
                assertFalse(list(rule.path("from")).isEmpty(), s + ": a rule without peers admits everyone");
                for (JsonNode peer : list(rule.path("from"))) {
                    assertFalse(peer.has("ipBlock"), s + ": ingress by address");
                }
            }
            List<JsonNode> fromOtherServices = rules.stream()
                    .flatMap(r -> list(r.path("from")).stream())
                    .filter(p ->
                            !p.has("namespaceSelector") && p.path("podSelector").has("matchExpressions"))
                    .toList();
            // keys-service: the internal credential lookup; webhook-dispatcher: the dashboard's delivery figures.
            Set<String> admitted = switch (s) {
                case "keys-service" ->
                    Set.of("actions-service", "rewards-service", "webhook-dispatcher", "donations-service");
                case "webhook-dispatcher" -> Set.of("rewards-service");
                default -> Set.of();
            };
            if (admitted.isEmpty()) {
                assertTrue(fromOtherServices.isEmpty(), s + " admits other services");
            } else {
                assertEquals(1, fromOtherServices.size(), s);
                JsonNode names = list(
                                fromOtherServices.get(0).path("podSelector").path("matchExpressions"))
                        .stream()
                        .filter(e -> e.path("key").asText().equals("app.kubernetes.io/name"))
                        .findFirst()
                        .orElseThrow();
                assertEquals(admitted, Set.copyOf(texts(names.path("values"))), s);
            }
        }
        // The gateway peer is the one of values; with the defaults: any pod in the Gateway's namespace (no
        // controller's labels assumed).
        JsonNode gateway = Renders.DEFAULTS
                .manifests()
                .forService("NetworkPolicy", "actions-service")
                .path("spec")
                .path("ingress")
                .get(0)
                .path("from");
        assertEquals(1, gateway.size());
        assertEquals(
                "gateway-system",
                gateway.get(0)
                        .path("namespaceSelector")
                        .path("matchLabels")
                        .path("kubernetes.io/metadata.name")
                        .asText());
        assertTrue(gateway.get(0).path("podSelector").isMissingNode(), gateway::toString);
    }

    @Test
    void productionGatewaySelectorReplacesTheDefaultInsteadOfMergingWithIt() {
        JsonNode gateway = Renders.PRODUCTION
                .manifests()
                .forService("NetworkPolicy", "actions-service")
                .path("spec")
                .path("ingress")
                .get(0)
                .path("from");
        assertEquals(1, gateway.size());
        assertEquals(
                Map.of("app.kubernetes.io/component", "proxy"),
                Manifests.fields(gateway.get(0).path("podSelector").path("matchLabels")).entrySet().stream()
                        .collect(Collectors.toMap(
                                Map.Entry::getKey, e -> e.getValue().asText())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void everyServiceMayReachDnsPostgresqlAndKafkaAndTheOthersKeysServiceAndRewardsWebhookDispatcher(Renders.Case c) {
        Manifests m = c.manifests();
        for (String s : Renders.SERVICES) {
            List<JsonNode> egress =
                    list(m.forService("NetworkPolicy", s).path("spec").path("egress"));
            for (JsonNode rule : egress) {
                assertFalse(
                        list(rule.path("to")).isEmpty(), s + ": an egress rule without peers allows every destination");
            }
            assertTrue(egress.stream().anyMatch(r -> ports(r).contains(53)), s + ": DNS");
            assertTrue(egress.stream().anyMatch(r -> ports(r).contains(5432)), s + ": PostgreSQL");
            // 9092: the defaults' plain listener; 9093: the production example's TLS listener.
            assertTrue(
                    egress.stream().anyMatch(r -> ports(r).contains(9092) || ports(r).contains(9093)), s + ": Kafka");
            boolean toKeys = egress.stream()
                    .anyMatch(r -> list(r.path("to")).stream()
                                    .anyMatch(p -> "keys-service"
                                                    .equals(p.path("podSelector")
                                                            .path("matchLabels")
                                                            .path("app.kubernetes.io/name")
                                                            .asText())
                                            && !p.has("namespaceSelector"))
                            && ports(r).equals(List.of(8081)));
            assertEquals(!s.equals("keys-service"), toKeys, s + ": egress to keys-service");
            boolean toDispatcher = egress.stream()
                    .anyMatch(r -> list(r.path("to")).stream()
                                    .anyMatch(p -> "webhook-dispatcher"
                                                    .equals(p.path("podSelector")
                                                            .path("matchLabels")
                                                            .path("app.kubernetes.io/name")
                                                            .asText())
                                            && !p.has("namespaceSelector"))
                            && ports(r).equals(List.of(8084)));
            assertEquals(s.equals("rewards-service"), toDispatcher, s + ": egress to webhook-dispatcher");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void onlyWebhookDispatcherAndDonationsServiceReachTheInternetAndOnlyPublicAddressesOnHttps(Renders.Case c) {
        Manifests m = c.manifests();
        for (String s : Renders.SERVICES) {
            List<JsonNode> everywhere = list(
                            m.forService("NetworkPolicy", s).path("spec").path("egress"))
                    .stream()
                    .filter(r -> list(r.path("to")).stream()
                            .anyMatch(
                                    p -> p.path("ipBlock").path("cidr").asText().endsWith("/0")))
                    .toList();
            // webhook-dispatcher: partners' endpoints; donations-service: the payment providers' APIs.
            if (!s.equals("webhook-dispatcher") && !s.equals("donations-service")) {
                assertTrue(everywhere.isEmpty(), s + " may reach the internet");
                continue;
            }
            assertEquals(1, everywhere.size());
            JsonNode rule = everywhere.get(0);
            assertEquals(List.of(443), ports(rule));
            JsonNode block = list(rule.path("to")).get(0).path("ipBlock");
            assertEquals("0.0.0.0/0", block.path("cidr").asText());
            assertTrue(texts(block.path("except")).containsAll(PRIVATE_RANGES), () -> "except " + block.path("except"));
        }
    }

    @Test
    void onlyTheServicesThatVerifyJwtsReachTheIdentityProviderWhereValuesSay() {
        Manifests m = Renders.PRODUCTION.manifests();
        for (String s : Renders.SERVICES) {
            boolean reaches = list(m.forService("NetworkPolicy", s).path("spec").path("egress")).stream()
                    .anyMatch(r -> ports(r).equals(List.of(443))
                            && list(r.path("to")).stream()
                                    .anyMatch(p -> p.path("ipBlock")
                                            .path("cidr")
                                            .asText()
                                            .equals("203.0.113.0/24")));
            assertEquals(
                    s.equals("keys-service") || s.equals("rewards-service") || s.equals("donations-service"),
                    reaches,
                    s);
        }
    }

    @Test
    void postgresqlEgressFollowsThePostgresqlPort() {
        Manifests m = Chart.render(Map.of("postgresql.port", "6432"));
        for (String s : Renders.SERVICES) {
            assertTrue(
                    list(m.forService("NetworkPolicy", s).path("spec").path("egress")).stream()
                            .anyMatch(r -> ports(r).contains(6432)),
                    s);
        }
    }

    @Test
    void anEmptyPeerListFailsTheRenderRatherThanAllowingEveryone() {
        String message = Chart.renderFailure(null, Map.of("networkPolicy.postgresql.cidrs", "null"));
        assertTrue(message.contains("networkPolicy.postgresql"), message);
    }

    private static List<Integer> ports(JsonNode rule) {
        return list(rule.path("ports")).stream()
                .map(p -> p.path("port").asInt())
                .toList();
    }
}
