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
            List.of("keys-service", "actions-service", "rewards-service", "webhook-dispatcher", "donations-service");

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
            "chart-created Secret, JVM images, Ingress, Kafka TLS (PKCS12) and SCRAM, every optional resource",
            chartSecretsValues().toString(),
            Map.ofEntries(
                    Map.entry("image.flavor", "jvm"),
                    Map.entry("strimzi.enabled", "true"),
                    Map.entry("strimzi.users.enabled", "true"),
                    Map.entry("metrics.serviceMonitor.enabled", "true"),
                    Map.entry("serviceDefaults.autoscaling.enabled", "true"),
                    // Autoscaled to 6 replicas each, 7 in a rollout: 210 connections at peak.
                    Map.entry("postgresql.maxConnections", "250"),
                    Map.entry("routing.type", "ingress"),
                    Map.entry("routing.ingress.hosts[0]", "api.example.org"),
                    Map.entry("kafka.tls.enabled", "true"),
                    Map.entry("kafka.tls.truststore.secretName", "sir-kafka-cluster-ca-cert"),
                    Map.entry("kafka.tls.truststore.key", "ca.p12"),
                    Map.entry("kafka.tls.truststore.type", "PKCS12"),
                    Map.entry("kafka.tls.truststore.passwordKey", "ca.password"),
                    Map.entry("kafka.sasl.enabled", "true"),
                    Map.entry("services.webhook-dispatcher.kafka.username", "webhooks"),
                    Map.entry("services.webhook-dispatcher.kafka.passwordSecret", "kafka-webhooks"),
                    Map.entry(
                            "identityProvider.publicKeyPem",
                            "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----")));
    /** The default route type, with a hostname: the helm test Pod is rendered. */
    static final Case GATEWAY = new Case(
            "Gateway API routes with a hostname", null, Map.of("routing.gateway.hostnames[0]", "api.example.org"));
    /** An Ingress with no controller-specific values: nothing is rewritten, so it needs no annotations. */
    static final Case INGRESS = new Case("Ingress, any controller", null, Map.of("routing.type", "ingress"));
    /** Strimzi's topics and users at kafka.strimzi.io/v1beta2, for a cluster whose Strimzi predates v1. */
    static final Case STRIMZI_V1BETA2 = new Case(
            "Strimzi v1beta2",
            null,
            Map.of(
                    "strimzi.enabled", "true",
                    "strimzi.users.enabled", "true",
                    "strimzi.apiVersion", "kafka.strimzi.io/v1beta2"));

    static final Case MONITORING = new Case(
            "alerts and dashboard",
            null,
            Map.of(
                    "metrics.serviceMonitor.enabled", "true",
                    "metrics.prometheusRule.enabled", "true",
                    "metrics.dashboard.enabled", "true"));

    /** The renders every structural check runs on. */
    static Stream<Case> all() {
        return Stream.of(DEFAULTS, PRODUCTION, CHART_SECRETS_JVM, GATEWAY, INGRESS, STRIMZI_V1BETA2, MONITORING);
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
