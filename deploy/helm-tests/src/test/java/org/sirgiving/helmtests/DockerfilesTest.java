package org.sirgiving.helmtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sirgiving.helmtests.support.Chart;
import org.sirgiving.helmtests.support.Manifests;

/** The images the chart runs: each service's Dockerfile.jvm and Dockerfile.native agree with the chart. */
class DockerfilesTest {

    @Test
    void everyServiceHasAJvmAndANativeDockerfileOnTheExpectedBasesAsTheUsersTheChartRunsThemAs() throws IOException {
        Manifests nativeRender = Renders.DEFAULTS.manifests();
        Manifests jvmRender = Chart.render(Map.of("image.flavor", "jvm"));
        for (String s : Renders.SERVICES) {
            Path docker = Chart.repoRoot().resolve(s).resolve("src/main/docker");
            List<String> jvm = Files.readAllLines(docker.resolve("Dockerfile.jvm"));
            List<String> nat = Files.readAllLines(docker.resolve("Dockerfile.native"));

            assertTrue(instruction(jvm, "FROM").startsWith("registry.access.redhat.com/ubi9/openjdk-17-runtime:"), s);
            assertTrue(jvm.stream().anyMatch(l -> l.startsWith("COPY") && l.contains("target/quarkus-app/")), s);
            assertTrue(nat.stream().anyMatch(l -> l.startsWith("COPY") && l.contains("target/*-runner")), s);
            String nativeBase = instruction(nat, "FROM");
            assertTrue(
                    nativeBase.startsWith("quay.io/quarkus/quarkus-micro-image:")
                            || nativeBase.contains("ubi9/ubi-minimal"),
                    s);

            assertEquals(String.valueOf(runAsUser(jvmRender.forService("Deployment", s))), instruction(jvm, "USER"), s);
            assertEquals(
                    String.valueOf(runAsUser(nativeRender.forService("Deployment", s))), instruction(nat, "USER"), s);
            String port = Manifests.container(nativeRender.forService("Deployment", s))
                    .path("ports")
                    .get(0)
                    .path("containerPort")
                    .asText();
            assertEquals(port, instruction(jvm, "EXPOSE"), s);
            assertEquals(port, instruction(nat, "EXPOSE"), s);
        }
    }

    private static String instruction(List<String> dockerfile, String name) {
        List<String> found =
                dockerfile.stream().filter(l -> l.startsWith(name + " ")).toList();
        assertEquals(1, found.size(), name + " in " + dockerfile);
        return found.get(0).substring(name.length() + 1).trim();
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
