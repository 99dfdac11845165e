package org.sirgiving.helmtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sirgiving.helmtests.support.Manifests.list;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sirgiving.helmtests.support.Chart;
import org.sirgiving.helmtests.support.Manifests;

/**
 * kafka.tls and kafka.sasl become every service's Kafka client settings (KAFKA_* variables, which Quarkus hands to
 * every channel and to libs/service-kernel DeadLetterQueue as kafka.* properties), with the password and the
 * truststore's password only ever referenced from Secrets.
 */
class KafkaClientConfigTest {
    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"$(SIR_KAFKA_SASL_USERNAME)\" password=\"$(SIR_KAFKA_SASL_PASSWORD)\";";

    @Test
    void byDefaultTheClientsUsePlaintextWithoutCredentials() {
        Manifests m = Renders.DEFAULTS.manifests();
        for (String s : Renders.SERVICES) {
            Map<String, String> env = Manifests.env(m.forService("Deployment", s), m);
            assertTrue(
                    env.keySet().stream()
                            .noneMatch(k -> k.startsWith("KAFKA_") && !k.equals("KAFKA_BOOTSTRAP_SERVERS")),
                    s + ": " + env.keySet());
            assertFalse(env.containsKey("SIR_KAFKA_SASL_PASSWORD"), s);
        }
    }

    @Test
    void tlsAndScramGiveEveryServiceSaslSslItsOwnUserAndTheMountedTruststore() {
        Manifests m = Renders.PRODUCTION.manifests();
        for (String s : Renders.SERVICES) {
            JsonNode deployment = m.forService("Deployment", s);
            Map<String, String> env = Manifests.env(deployment, m);
            assertEquals("SASL_SSL", env.get("KAFKA_SECURITY_PROTOCOL"), s);
            assertEquals("SCRAM-SHA-512", env.get("KAFKA_SASL_MECHANISM"), s);
            assertEquals("PEM", env.get("KAFKA_SSL_TRUSTSTORE_TYPE"), s);
            assertEquals("/etc/sir/kafka-truststore/ca.crt", env.get("KAFKA_SSL_TRUSTSTORE_LOCATION"), s);
            // The user is the service's KafkaUser; its password comes from the Secret Strimzi writes for it.
            assertEquals(Renders.fullname(s), env.get("SIR_KAFKA_SASL_USERNAME"), s);
            assertEquals("secret:" + Renders.fullname(s) + "/password", env.get("SIR_KAFKA_SASL_PASSWORD"), s);
            assertEquals(JAAS, env.get("KAFKA_SASL_JAAS_CONFIG"), s);
            assertEquals(
                    m.forService("KafkaUser", s).path("metadata").path("name").asText(),
                    env.get("SIR_KAFKA_SASL_USERNAME"));
            // $(VAR) expands only variables defined before it in the container's env.
            List<String> order = list(Manifests.container(deployment).path("env")).stream()
                    .map(e -> e.path("name").asText())
                    .toList();
            assertTrue(order.indexOf("SIR_KAFKA_SASL_PASSWORD") < order.indexOf("KAFKA_SASL_JAAS_CONFIG"), s);
            assertTrue(order.indexOf("SIR_KAFKA_SASL_USERNAME") < order.indexOf("KAFKA_SASL_JAAS_CONFIG"), s);

            JsonNode pod = deployment.path("spec").path("template").path("spec");
            JsonNode volume = list(pod.path("volumes")).stream()
                    .filter(v -> v.path("name").asText().equals("kafka-truststore"))
                    .findFirst()
                    .orElseThrow();
            assertEquals(
                    "sir-kafka-cluster-ca-cert",
                    volume.path("secret").path("secretName").asText());
            assertEquals(
                    "ca.crt",
                    volume.path("secret").path("items").get(0).path("key").asText());
            assertTrue(list(Manifests.container(deployment).path("volumeMounts")).stream()
                    .anyMatch(v -> v.path("name").asText().equals("kafka-truststore")
                            && v.path("mountPath").asText().equals("/etc/sir/kafka-truststore")
                            && v.path("readOnly").asBoolean()));
        }
    }

    @Test
    void aPkcs12TruststoreGetsItsPasswordFromTheSecretAndAServiceMayLogInAsAnotherUser() {
        Manifests m = Renders.CHART_SECRETS_JVM.manifests();
        Map<String, String> env = Manifests.env(m.forService("Deployment", "webhook-dispatcher"), m);
        assertEquals("PKCS12", env.get("KAFKA_SSL_TRUSTSTORE_TYPE"));
        assertEquals("/etc/sir/kafka-truststore/ca.p12", env.get("KAFKA_SSL_TRUSTSTORE_LOCATION"));
        assertEquals("secret:sir-kafka-cluster-ca-cert/ca.password", env.get("KAFKA_SSL_TRUSTSTORE_PASSWORD"));
        assertEquals("webhooks", env.get("SIR_KAFKA_SASL_USERNAME"));
        assertEquals("secret:kafka-webhooks/password", env.get("SIR_KAFKA_SASL_PASSWORD"));
    }

    @Test
    void tlsAloneIsSslAndSaslAloneIsSaslPlaintextFromAConfigMapTruststore() {
        Manifests tls =
                Chart.render(Map.of("kafka.tls.enabled", "true", "kafka.tls.truststore.configMapName", "kafka-ca"));
        Map<String, String> env = Manifests.env(tls.forService("Deployment", "actions-service"), tls);
        assertEquals("SSL", env.get("KAFKA_SECURITY_PROTOCOL"));
        assertFalse(env.containsKey("KAFKA_SASL_JAAS_CONFIG"));
        JsonNode volumes = tls.forService("Deployment", "actions-service")
                .path("spec")
                .path("template")
                .path("spec")
                .path("volumes");
        assertTrue(list(volumes).stream()
                .anyMatch(v -> v.path("configMap").path("name").asText().equals("kafka-ca")));

        Manifests sasl = Chart.render(Map.of("kafka.sasl.enabled", "true"));
        env = Manifests.env(sasl.forService("Deployment", "actions-service"), sasl);
        assertEquals("SASL_PLAINTEXT", env.get("KAFKA_SECURITY_PROTOCOL"));
        assertFalse(env.containsKey("KAFKA_SSL_TRUSTSTORE_LOCATION"));
    }

    @Test
    void theSaslPasswordIsNeverInAConfigMap() {
        for (JsonNode cm : Renders.PRODUCTION.manifests().ofKind("ConfigMap")) {
            Manifests.fields(cm.path("data"))
                    .keySet()
                    .forEach(k -> assertFalse(
                            k.contains("PASSWORD") || k.contains("JAAS"),
                            cm.path("metadata").path("name").asText() + " " + k));
        }
    }

    @Test
    void anIncompleteTruststoreFailsTheRender() {
        String none = Chart.renderFailure(null, Map.of("kafka.tls.enabled", "true"));
        assertTrue(none.contains("kafka.tls.truststore: set exactly one of secretName and configMapName"), none);
        String noPassword = Chart.renderFailure(
                null,
                Map.of(
                        "kafka.tls.enabled", "true",
                        "kafka.tls.truststore.secretName", "ca",
                        "kafka.tls.truststore.type", "JKS"));
        assertTrue(noPassword.contains("needs passwordKey"), noPassword);
        String unknown = Chart.renderFailure(null, Map.of("kafka.sasl.mechanism", "PLAIN"));
        assertTrue(unknown.contains("/kafka/sasl/mechanism"), unknown);
    }
}
