package org.sirgiving.helmtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sirgiving.helmtests.support.Chart;
import org.sirgiving.helmtests.support.Manifests;

/** What each service is configured with, and where its secrets live. */
class SecretsAndConfigTest {
    private static final List<String> EVERY_SERVICE_NEEDS = List.of(
            "QUARKUS_HTTP_PORT",
            "KAFKA_BOOTSTRAP_SERVERS",
            "QUARKUS_DATASOURCE_USERNAME",
            "QUARKUS_DATASOURCE_PASSWORD",
            "QUARKUS_DATASOURCE_REACTIVE_URL",
            "QUARKUS_DATASOURCE_JDBC_URL",
            "SIR_PLATFORM_KEYS_ACTIVE",
            "SIR_INTERNAL_TOKEN",
            "SIR_KEYS_SERVICE_URL");

    static Stream<Renders.Case> renders() {
        return Renders.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void everyServiceGetsTheEnvironmentItNeedsWithSecretsOnlyFromTheSecret(Renders.Case c) {
        Manifests m = c.manifests();
        for (String s : Renders.SERVICES) {
            Map<String, String> env = Manifests.env(m.forService("Deployment", s), m);
            for (String name : EVERY_SERVICE_NEEDS) {
                assertTrue(env.containsKey(name), s + " lacks " + name + ": " + env.keySet());
            }
            for (String secret : List.of("QUARKUS_DATASOURCE_PASSWORD", "SIR_INTERNAL_TOKEN")) {
                assertTrue(env.get(secret).startsWith("secret:"), s + ": " + secret + " not from a Secret");
            }
            String active = env.get("SIR_PLATFORM_KEYS_ACTIVE");
            assertTrue(
                    env.getOrDefault("SIR_PLATFORM_KEYS_KEYS_" + active.toUpperCase(), "")
                            .startsWith("secret:"),
                    s + ": the active platform key " + active + " is not configured");
            assertTrue(env.get("QUARKUS_DATASOURCE_JDBC_URL").startsWith("jdbc:postgresql://"), s);
            assertTrue(env.get("QUARKUS_DATASOURCE_REACTIVE_URL").startsWith("postgresql://"), s);
            assertEquals(
                    Chart.RELEASE + "-keys-service",
                    env.get("SIR_KEYS_SERVICE_URL").replaceAll("^http://([^:]+):8081$", "$1"),
                    s);
        }
        for (String s : List.of("keys-service", "rewards-service", "donations-service")) { // user and operator JWTs
            Map<String, String> env = Manifests.env(m.forService("Deployment", s), m);
            assertFalse(env.getOrDefault("MP_JWT_VERIFY_ISSUER", "").isBlank(), s);
            assertEquals("https://api.sirgiving.org", env.get("MP_JWT_VERIFY_AUDIENCES"), s);
            assertFalse(env.getOrDefault("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "").isBlank(), s);
        }
        // The dashboard's delivery figures: rewards-service alone asks webhook-dispatcher.
        for (String s : Renders.SERVICES) {
            Map<String, String> env = Manifests.env(m.forService("Deployment", s), m);
            if (s.equals("rewards-service")) {
                assertEquals(
                        "http://" + Chart.RELEASE + "-webhook-dispatcher:8084", env.get("SIR_WEBHOOK_DISPATCHER_URL"));
            } else {
                assertFalse(env.containsKey("SIR_WEBHOOK_DISPATCHER_URL"), s);
            }
        }
        Map<String, String> webhooks = Manifests.env(m.forService("Deployment", "webhook-dispatcher"), m);
        assertEquals("false", webhooks.get("SIR_WEBHOOKS_ALLOW_PRIVATE_TARGETS"));
        assertEquals("false", webhooks.get("SIR_WEBHOOKS_ALLOW_HTTP"));
    }

    @Test
    void noSecretValueAppearsInAnyConfigMap() {
        Manifests m = Renders.CHART_SECRETS_JVM.manifests();
        Map<String, Map<String, String>> secrets = m.secretData();
        assertEquals(1, secrets.size(), "the chart-created Secret");
        List<String> values =
                secrets.values().stream().flatMap(d -> d.values().stream()).toList();
        // Every secret value of the values file made it into the Secret...
        assertTrue(
                values.containsAll(List.of(
                        "test-internal-token-0f3a9c",
                        "test-db-password-77b1",
                        "test-rewards-db-password-5e2d",
                        "sk_test_helm_4c1e8a",
                        "whsec_helm_9ab2f0",
                        "test-every-org-token-3d7f",
                        "MTExMTExMTExMTExMTExMTExMTExMTExMTExMTExMTE=",
                        "MjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjI=")),
                values::toString);
        // ...and none of them (nor its base64) is in a ConfigMap or in plain container env.
        List<String> leaks = new ArrayList<>();
        for (JsonNode cm : m.ofKind("ConfigMap")) {
            Manifests.fields(cm.path("data")).forEach((k, v) -> {
                for (String secret : values) {
                    if (v.asText().contains(secret)
                            || v.asText().contains(Base64.getEncoder().encodeToString(secret.getBytes()))) {
                        leaks.add(cm.path("metadata").path("name").asText() + "/" + k);
                    }
                }
            });
        }
        for (JsonNode d : m.ofKind("Deployment")) {
            for (JsonNode e : Manifests.list(Manifests.container(d).path("env"))) {
                if (values.contains(e.path("value").asText())) {
                    leaks.add(d.path("metadata").path("name").asText() + " env "
                            + e.path("name").asText());
                }
            }
        }
        assertTrue(leaks.isEmpty(), () -> "secret values in " + leaks);
    }

    @Test
    void theChartCreatedSecretHoldsEveryPlatformKeyAndEachServiceReadsItsOwnDatabasePassword() {
        Manifests m = Renders.CHART_SECRETS_JVM.manifests();
        String secret = Chart.RELEASE + "-secrets";
        Map<String, String> data = m.secretData().get(secret);
        assertEquals(
                "keep",
                m.get("Secret", secret)
                        .path("metadata")
                        .path("annotations")
                        .path("helm.sh/resource-policy")
                        .asText(),
                "a platform key must survive helm uninstall");
        for (String s : Renders.SERVICES) {
            Map<String, String> env = Manifests.env(m.forService("Deployment", s), m);
            assertEquals("k2", env.get("SIR_PLATFORM_KEYS_ACTIVE"));
            assertEquals("secret:" + secret + "/platform-key-k1", env.get("SIR_PLATFORM_KEYS_KEYS_K1"), s);
            assertEquals("secret:" + secret + "/platform-key-k2", env.get("SIR_PLATFORM_KEYS_KEYS_K2"), s);
            String passwordRef = env.get("QUARKUS_DATASOURCE_PASSWORD");
            String key = passwordRef.substring(passwordRef.lastIndexOf('/') + 1);
            assertTrue(data.containsKey(key), s + " reads a key the Secret lacks: " + key);
            assertEquals(
                    s.equals("rewards-service") ? "test-rewards-db-password-5e2d" : "test-db-password-77b1",
                    data.get(key),
                    s);
            assertEquals(
                    s.equals("rewards-service") ? "sir_rewards" : "sir", env.get("QUARKUS_DATASOURCE_USERNAME"), s);
        }
    }

    @Test
    void anExistingSecretIsReferencedAndNoSecretIsRendered() {
        Manifests m = Renders.PRODUCTION.manifests();
        assertTrue(m.ofKind("Secret").isEmpty());
        for (String s : Renders.SERVICES) {
            Map<String, String> env = Manifests.env(m.forService("Deployment", s), m);
            assertEquals("secret:sir-platform-secrets/platform-key-k2025", env.get("SIR_PLATFORM_KEYS_KEYS_K2025"), s);
            assertEquals("secret:sir-platform-secrets/internal-token", env.get("SIR_INTERNAL_TOKEN"), s);
            assertEquals(
                    "secret:sir-platform-secrets/internal-token-also-accepted",
                    env.get("SIR_INTERNAL_ALSO_ACCEPTED_TOKENS"),
                    s + ": a token being rotated in is read from the same Secret");
        }
    }

    @Test
    void anActivePlatformKeyThatIsNotConfiguredFailsTheRender() {
        String message = Chart.renderFailure(null, Map.of("platformKeys.active", "k9"));
        assertTrue(message.contains("platformKeys.active \"k9\" is not one of platformKeys.keys"), message);
    }

    @Test
    void aChartCreatedSecretWithoutItsValuesFailsTheRenderInsteadOfGeneratingThem() {
        String message = Chart.renderFailure(null, Map.of("secrets.existingSecret", ""));
        assertTrue(message.contains("secrets.internalToken is required"), message);
    }

    @Test
    void aPlatformKeyThatIsNot32BytesFailsTheRender() {
        String message = Chart.renderFailure(
                Renders.chartSecretsValues().toString(),
                Map.of("platformKeys.keys[0].value", "c2hvcnQ=", "platformKeys.keys[0].id", "k1"));
        assertTrue(message.contains("base64 of 32 bytes"), message);
    }

    @Test
    void anIdentityProviderPemIsMountedAndUsedInsteadOfAUrlByTheServicesThatVerifyJwts() {
        Manifests m = Renders.CHART_SECRETS_JVM.manifests();
        assertTrue(m.get("ConfigMap", Chart.RELEASE + "-identity-provider")
                .path("data")
                .path("publickey.pem")
                .asText()
                .startsWith("-----BEGIN PUBLIC KEY-----"));
        for (String s : Renders.SERVICES) {
            JsonNode d = m.forService("Deployment", s);
            boolean verifiesJwts =
                    s.equals("keys-service") || s.equals("rewards-service") || s.equals("donations-service");
            assertEquals(
                    verifiesJwts ? "/etc/sir/jwt/publickey.pem" : null,
                    Manifests.env(d, m).get("MP_JWT_VERIFY_PUBLICKEY_LOCATION"),
                    s);
            assertEquals(
                    verifiesJwts,
                    Manifests.list(Manifests.container(d).path("volumeMounts")).stream()
                            .anyMatch(v -> v.path("mountPath").asText().equals("/etc/sir/jwt")
                                    && v.path("readOnly").asBoolean()),
                    s);
        }
    }
}
