package org.sirgiving.helmtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sirgiving.helmtests.support.Manifests.container;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sirgiving.helmtests.support.Chart;
import org.sirgiving.helmtests.support.Manifests;

/** image.flavor switches every service (or one) between its native and its JVM image. */
class ImageFlavorTest {

    @Test
    void nativeFlavorIsTheDefaultWithTheNativeTagUserAndResources() {
        Manifests m = Renders.DEFAULTS.manifests();
        for (String s : Renders.SERVICES) {
            JsonNode d = m.forService("Deployment", s);
            assertEquals(
                    "registry.example.com/sir-giving/" + s + ":0.1.0-native",
                    container(d).path("image").asText());
            assertEquals(1001, runAsUser(d), s);
            assertEquals(
                    "256Mi",
                    container(d).path("resources").path("limits").path("memory").asText(),
                    s);
            assertTrue(Manifests.env(d, m).keySet().stream().noneMatch(k -> k.startsWith("JAVA_")), s);
        }
    }

    @Test
    void jvmFlavorSwitchesTagUserResourcesAndJvmSettings() {
        Manifests m = Chart.render(Map.of("image.flavor", "jvm"));
        for (String s : Renders.SERVICES) {
            JsonNode d = m.forService("Deployment", s);
            assertEquals(
                    "registry.example.com/sir-giving/" + s + ":0.1.0-jvm",
                    container(d).path("image").asText());
            assertEquals(185, runAsUser(d), s);
            assertEquals(
                    "768Mi",
                    container(d).path("resources").path("limits").path("memory").asText(),
                    s);
            assertEquals("70", Manifests.env(d, m).get("JAVA_MAX_MEM_RATIO"), s);
            assertEquals(
                    "jvm",
                    d.path("spec")
                            .path("template")
                            .path("metadata")
                            .path("labels")
                            .path("sirgiving.org/image-flavor")
                            .asText());
        }
    }

    @Test
    void oneServiceCanRunAnotherFlavorThanTheRest() {
        Manifests m = Chart.render(Map.of("services.webhook-dispatcher.image.flavor", "jvm"));
        assertTrue(container(m.forService("Deployment", "webhook-dispatcher"))
                .path("image")
                .asText()
                .endsWith(":0.1.0-jvm"));
        assertTrue(container(m.forService("Deployment", "keys-service"))
                .path("image")
                .asText()
                .endsWith(":0.1.0-native"));
    }

    @Test
    void flavorsCanLiveInSeparateRepositoriesInsteadOfTagSuffixes() {
        Manifests m = Chart.render(Map.of(
                "image.flavor",
                "jvm",
                "image.tag",
                "1.2.3",
                "image.flavors.jvm.tagSuffix",
                "",
                "image.flavors.jvm.repositorySuffix",
                "-jvm",
                "services.keys-service.image.repository",
                "mirror.example.com/keys"));
        assertEquals(
                "mirror.example.com/keys-jvm:1.2.3",
                container(m.forService("Deployment", "keys-service"))
                        .path("image")
                        .asText());
        assertEquals(
                "registry.example.com/sir-giving/actions-service-jvm:1.2.3",
                container(m.forService("Deployment", "actions-service"))
                        .path("image")
                        .asText());
    }

    @Test
    void productionRunsNativeImagesFromItsRegistry() {
        Manifests m = Renders.PRODUCTION.manifests();
        for (String s : Renders.SERVICES) {
            assertEquals(
                    "registry.sirgiving.org/platform/" + s + ":0.1.0-native",
                    container(m.forService("Deployment", s)).path("image").asText());
        }
    }

    @Test
    void anUnknownFlavorIsRefusedByTheValuesSchema() {
        String message = Chart.renderFailure(null, Map.of("image.flavor", "graalvm"));
        assertTrue(message.contains("/image/flavor"), message);
    }

    private static int runAsUser(JsonNode d) {
        return d.path("spec")
                .path("template")
                .path("spec")
                .path("securityContext")
                .path("runAsUser")
                .asInt();
    }
}
