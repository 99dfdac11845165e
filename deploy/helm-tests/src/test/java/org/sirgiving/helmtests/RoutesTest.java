package org.sirgiving.helmtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sirgiving.helmtests.support.Manifests.list;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sirgiving.helmtests.support.Chart;
import org.sirgiving.helmtests.support.Manifests;
import org.sirgiving.helmtests.support.RouteTable;

/** The gateway routes come from deploy/routes.tsv, the one route table, as an Ingress or as HTTPRoutes. */
class RoutesTest {

    @Test
    void theChartsRouteFileIsALinkToDeployRoutesTsv() throws IOException {
        Path inChart = Chart.sourceDir().resolve("files/routes.tsv");
        assertTrue(Files.isSymbolicLink(inChart), "files/routes.tsv must link to deploy/routes.tsv, not copy it");
        assertEquals(RouteTable.file().toRealPath(), inChart.toRealPath());
    }

    @Test
    void gatewayApiHttpRoutesAreTheDefaultRoute() {
        Manifests m = Renders.DEFAULTS.manifests();
        assertEquals(Renders.SERVICES.size(), m.ofKind("HTTPRoute").size());
        assertTrue(m.ofKind("Ingress").isEmpty());
    }

    @Test
    void ingressPathsAreExactlyTheRouteTablesPrefixesForwardedToTheirServices() {
        Manifests m = Renders.INGRESS.manifests();
        JsonNode ingress = m.get("Ingress", Chart.RELEASE);
        assertEquals("networking.k8s.io/v1", ingress.path("apiVersion").asText());
        assertEquals(RouteTable.read(), ingressRoutes(ingress, "Prefix"));
        assertTrue(
                ingress.path("metadata").path("annotations").isMissingNode(),
                "partner paths are forwarded unchanged (the services verify an HMAC over the exact path)");
    }

    /** Not tied to one controller: no class and no controller annotations unless the operator sets them. */
    @Test
    void ingressNamesNoControllerByDefault() {
        for (JsonNode ingress : Renders.INGRESS.manifests().ofKind("Ingress")) {
            String name = ingress.path("metadata").path("name").asText();
            assertTrue(ingress.path("spec").path("ingressClassName").isMissingNode(), name);
            Manifests.fields(ingress.path("metadata").path("annotations"))
                    .keySet()
                    .forEach(a -> assertTrue(a.startsWith("example.org/"), name + ": " + a));
        }
        JsonNode withClass = Chart.render(Map.of("routing.type", "ingress", "routing.ingress.className", "traefik"))
                .get("Ingress", Chart.RELEASE);
        assertEquals("traefik", withClass.path("spec").path("ingressClassName").asText());
    }

    /** Everything, the partner docs included, is one route table forwarded unchanged: one Ingress, no annotations. */
    @Test
    void anIngressNeedsNoControllerAnnotationsAndIsTheOnlyOne() {
        Manifests m = Renders.INGRESS.manifests();
        assertEquals(List.of(Chart.RELEASE), m.names("Ingress"));
    }

    /** The per-service documents and their Ingress are gone: a values file that still sets them is refused. */
    @Test
    void theRemovedOpenapiIngressValuesAreRefused() {
        String message = Chart.renderFailure(
                null, Map.of("routing.type", "ingress", "routing.ingress.openapi.enabled", "false"));
        assertTrue(message.contains("openapi"), message);
    }

    /**
     * The one partner OpenAPI document (/partner-api/openapi.json and .yaml) is keys-service's, beside its Swagger UI:
     * the /partner-api route reaches it, with no path of its own, under both route types.
     */
    @Test
    void thePartnerDocumentIsReachedThroughKeysServicesPartnerApiRoute() {
        assertEquals("keys-service", RouteTable.read().get("/partner-api"));
        assertEquals(
                "keys-service",
                ingressRoutes(Renders.INGRESS.manifests().get("Ingress", Chart.RELEASE), "Prefix")
                        .get("/partner-api"));
        List<String> prefixes = new ArrayList<>();
        for (JsonNode rule : list(Renders.GATEWAY
                .manifests()
                .forService("HTTPRoute", "keys-service")
                .path("spec")
                .path("rules"))) {
            assertTrue(rule.path("filters").isMissingNode(), "forwarded unchanged");
            list(rule.path("matches"))
                    .forEach(m -> prefixes.add(m.path("path").path("value").asText()));
        }
        assertTrue(prefixes.contains("/partner-api"), prefixes::toString);
    }

    /** No route rewrites a path (to a service's /q/openapi, say: that is its own document, not the partner one). */
    @Test
    void noRenderedRouteRewritesAPathOrNamesQOpenapi() {
        Renders.all().forEach(c -> {
            Manifests m = c.manifests();
            for (String kind : List.of("HTTPRoute", "Ingress")) {
                for (JsonNode route : m.ofKind(kind)) {
                    String text = route.toString();
                    assertTrue(!text.contains("/q/openapi") && !text.contains("/partner-api/openapi"), c + ": " + text);
                    assertTrue(!text.toLowerCase(Locale.ROOT).contains("rewrite"), c + ": " + text);
                }
            }
        });
    }

    @Test
    void everyIngressHostGetsTheSameRoutes() {
        JsonNode ingress = Renders.CHART_SECRETS_JVM.manifests().get("Ingress", Chart.RELEASE);
        JsonNode rule = ingress.path("spec").path("rules").get(0);
        assertEquals("api.example.org", rule.path("host").asText());
        assertEquals(RouteTable.read(), ingressRoutes(ingress, "Prefix"));
    }

    @Test
    void httpRoutePathsAreExactlyTheRouteTablesPrefixesForwardedToTheirServices() {
        for (Renders.Case c : List.of(Renders.GATEWAY, Renders.PRODUCTION)) {
            Manifests m = c.manifests();
            assertTrue(m.ofKind("Ingress").isEmpty(), c + ": Ingress and HTTPRoutes at once");
            Map<String, String> routes = new LinkedHashMap<>();
            for (JsonNode route : m.ofKind("HTTPRoute")) {
                assertEquals(
                        "gateway.networking.k8s.io/v1", route.path("apiVersion").asText());
                for (JsonNode rule : list(route.path("spec").path("rules"))) {
                    String backend =
                            service(rule.path("backendRefs").get(0).path("name").asText());
                    assertTrue(rule.path("filters").isMissingNode(), "partner paths are forwarded unchanged");
                    for (JsonNode match : list(rule.path("matches"))) {
                        JsonNode path = match.path("path");
                        assertEquals("PathPrefix", path.path("type").asText(), c.toString());
                        routes.put(path.path("value").asText(), backend);
                    }
                }
            }
            assertEquals(
                    RouteTable.read().entrySet().stream()
                            .sorted(Map.Entry.comparingByKey())
                            .toList(),
                    routes.entrySet().stream()
                            .sorted(Map.Entry.comparingByKey())
                            .toList(),
                    c.toString());
        }
        JsonNode parent = Renders.PRODUCTION
                .manifests()
                .forService("HTTPRoute", "actions-service")
                .path("spec")
                .path("parentRefs")
                .get(0);
        assertEquals("public-gateway", parent.path("name").asText());
        assertEquals("gateway-system", parent.path("namespace").asText());
    }

    @Test
    void theChartInTheRepositoryFollowsTheLinkAndRendersLikeItsResolvedCopy() {
        Manifests fromRepository = Chart.render(Chart.sourceDir(), null, Map.of());
        assertEquals(Renders.DEFAULTS.manifests().all(), fromRepository.all());
    }

    @Test
    void healthMetricsAndInternalPathsAreNeverRouted() {
        List<String> paths = new ArrayList<>();
        for (JsonNode ingress : Renders.INGRESS.manifests().ofKind("Ingress")) {
            for (JsonNode rule : list(ingress.path("spec").path("rules"))) {
                list(rule.path("http").path("paths"))
                        .forEach(p -> paths.add(p.path("path").asText()));
            }
        }
        for (JsonNode route : Renders.GATEWAY.manifests().ofKind("HTTPRoute")) {
            for (JsonNode rule : list(route.path("spec").path("rules"))) {
                list(rule.path("matches"))
                        .forEach(m -> paths.add(m.path("path").path("value").asText()));
            }
        }
        assertEquals(
                2 * RouteTable.read().size(), paths.size(), "the route table's prefixes, as Ingress and HTTPRoutes");
        for (String p : paths) {
            assertTrue(!p.equals("/") && !p.startsWith("/q/") && !p.equals("/q") && !p.startsWith("/internal"), p);
        }
    }

    @Test
    void aRouteAddedToTheRouteTableAppearsInTheRenderedRoutes(@TempDir Path tmp) throws IOException {
        Path copy = Chart.copyTo(tmp.resolve("sir-platform"));
        Files.writeString(
                copy.resolve("files/routes.tsv"), "/v1/partner/reports\trewards-service\n", StandardOpenOption.APPEND);
        Manifests m = Chart.render(copy, null, Map.of("routing.type", "ingress"));
        Map<String, String> expected = new LinkedHashMap<>(RouteTable.read());
        expected.put("/v1/partner/reports", "rewards-service");
        assertEquals(expected, ingressRoutes(m.get("Ingress", Chart.RELEASE), "Prefix"));
    }

    @Test
    void aMalformedRouteTableFailsTheRender(@TempDir Path tmp) throws IOException {
        Path copy = Chart.copyTo(tmp.resolve("sir-platform"));
        Files.writeString(
                copy.resolve("files/routes.tsv"), "/v1/partner/reports/\tbilling-service\n", StandardOpenOption.APPEND);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Chart.template(copy, null, Map.of()));
        assertTrue(e.getMessage().contains("routes.tsv line"), e.getMessage());
    }

    @Test
    void routingTypeNoneRendersNoRoutes() {
        Manifests m = Chart.render(Map.of("routing.type", "none"));
        assertTrue(m.ofKind("Ingress").isEmpty() && m.ofKind("HTTPRoute").isEmpty());
    }

    /** path → service (from the backend Service name) of an Ingress's paths of one pathType, over all its rules. */
    private static Map<String, String> ingressRoutes(JsonNode ingress, String pathType) {
        Map<String, String> routes = new LinkedHashMap<>();
        Map<String, String> firstHost = null;
        for (JsonNode rule : list(ingress.path("spec").path("rules"))) {
            Map<String, String> these = new LinkedHashMap<>();
            for (JsonNode p : list(rule.path("http").path("paths"))) {
                assertEquals(pathType, p.path("pathType").asText());
                these.put(
                        p.path("path").asText(),
                        service(p.path("backend").path("service").path("name").asText()));
            }
            if (firstHost == null) {
                firstHost = these;
                routes.putAll(these);
            } else {
                assertEquals(firstHost, these, "every host routes the same paths");
            }
        }
        return routes;
    }

    private static String service(String serviceName) {
        String prefix = Chart.RELEASE + "-";
        assertTrue(serviceName.startsWith(prefix), serviceName);
        return serviceName.substring(prefix.length());
    }
}
