package org.sirgiving.helmtests;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.sirgiving.helmtests.support.Chart;
import org.sirgiving.helmtests.support.Manifests;

/** The value sets the tests render the chart with: the operator-facing ones and the switches between them. */
final class Renders {
    static final List<String> SERVICES =
            List.of("keys-service", "actions-service", "rewards-service", "webhook-dispatcher");

    record Case(String name, String valuesFile, Map<String, String> sets) {
        Manifests manifests() {
            return Chart.render(valuesFile, sets);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final Case DEFAULTS = new Case("default values", null, Map.of());
    static final Case PRODUCTION = new Case("values-production.yaml", Chart.PRODUCTION_VALUES, Map.of());
    static final Case CHART_SECRETS_JVM = new Case(
            "chart-created Secret, JVM images, every optional resource",
            chartSecretsValues().toString(),
            Map.of(
                    "image.flavor", "jvm",
                    "strimzi.enabled", "true",
                    "metrics.serviceMonitor.enabled", "true",
                    "serviceDefaults.autoscaling.enabled", "true",
                    // Autoscaled to 6 replicas each: 216 connections at peak, so the server must allow them.
                    "postgresql.maxConnections", "250",
                    "routing.ingress.hosts[0]", "api.example.org",
                    "identityProvider.publicKeyPem",
                            "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----"));
    static final Case GATEWAY = new Case("Gateway API routes", null, Map.of("routing.type", "gateway"));
    static final Case MONITORING = new Case(
            "alerts and dashboard",
            null,
            Map.of(
                    "metrics.serviceMonitor.enabled", "true",
                    "metrics.prometheusRule.enabled", "true",
                    "metrics.dashboard.enabled", "true"));

    /** The renders every structural check runs on. */
    static Stream<Case> all() {
        return Stream.of(DEFAULTS, PRODUCTION, CHART_SECRETS_JVM, GATEWAY, MONITORING);
    }

    static Path chartSecretsValues() {
        try {
            return Paths.get(
                    Renders.class.getResource("/values-chart-secrets.yaml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String fullname(String service) {
        return Chart.RELEASE + "-" + service;
    }

    private Renders() {}
}
