package org.sirgiving.helmtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sirgiving.helmtests.support.Chart;
import org.sirgiving.helmtests.support.Manifests;

/**
 * donations-service: where it sends donors (the platform's public URL, never a service address), the payment
 * providers' URLs, and their secrets, which come only from the Secret and may be absent (sandbox needs none).
 */
class DonationsServiceTest {
    private static final String SERVICE = "donations-service";
    private static final Map<String, String> PROVIDER_SECRETS = Map.of(
            "SIR_DONATIONS_STRIPE_SECRET_KEY", "donations-stripe-secret-key",
            "SIR_DONATIONS_STRIPE_WEBHOOK_SECRET", "donations-stripe-webhook-secret",
            "SIR_DONATIONS_EVERY_ORG_WEBHOOK_TOKEN", "donations-every-org-webhook-token",
            "SIR_DONATIONS_EVERY_ORG_WEBHOOK_SECRET", "donations-every-org-webhook-secret");

    private static Map<String, String> env(Manifests m) {
        return Manifests.env(m.forService("Deployment", SERVICE), m);
    }

    @Test
    void donorsAreSentToThePublicUrlAndTheProvidersDefaultToTheirOwnAddresses() {
        Map<String, String> env = env(Renders.DEFAULTS.manifests());
        assertEquals("https://api.sirgiving.org", env.get("SIR_DONATIONS_PUBLIC_BASE_URL"));
        assertEquals("https://api.stripe.com", env.get("SIR_DONATIONS_STRIPE_API_BASE_URL"));
        assertEquals("https://www.every.org", env.get("SIR_DONATIONS_EVERY_ORG_DONATE_BASE_URL"));
        // Unset: the service's own defaults under the public URL.
        assertFalse(env.containsKey("SIR_DONATIONS_STRIPE_SUCCESS_URL"), env::toString);
        assertFalse(env.containsKey("SIR_DONATIONS_STRIPE_CANCEL_URL"), env::toString);
        assertEquals(
                "https://donate.example.org",
                env(Renders.CHART_SECRETS_JVM.manifests()).get("SIR_DONATIONS_PUBLIC_BASE_URL"));
        // No other service is told about donations.
        Manifests m = Renders.DEFAULTS.manifests();
        for (String s : Renders.SERVICES) {
            if (!s.equals(SERVICE)) {
                assertTrue(
                        Manifests.env(m.forService("Deployment", s), m).keySet().stream()
                                .noneMatch(k -> k.startsWith("SIR_DONATIONS_")),
                        s);
            }
        }
    }

    @Test
    void theValuesSetTheProvidersUrls() {
        Map<String, String> env = env(Chart.render(Map.of(
                "services.donations-service.donations.stripe.apiBaseUrl", "https://stripe-proxy.internal.example",
                "services.donations-service.donations.stripe.successUrl", "https://shop.example/thanks",
                "services.donations-service.donations.stripe.cancelUrl", "https://shop.example/cancelled",
                "services.donations-service.donations.everyOrg.donateBaseUrl", "https://staging.every.org")));
        assertEquals("https://stripe-proxy.internal.example", env.get("SIR_DONATIONS_STRIPE_API_BASE_URL"));
        assertEquals("https://shop.example/thanks", env.get("SIR_DONATIONS_STRIPE_SUCCESS_URL"));
        assertEquals("https://shop.example/cancelled", env.get("SIR_DONATIONS_STRIPE_CANCEL_URL"));
        assertEquals("https://staging.every.org", env.get("SIR_DONATIONS_EVERY_ORG_DONATE_BASE_URL"));
    }

    @Test
    void aPublicUrlWithAPathOrATrailingSlashIsRefused() {
        for (String bad : List.of("https://api.example.org/", "https://api.example.org/v1", "api.example.org")) {
            String message =
                    Chart.renderFailure(null, Map.of("services.donations-service.donations.publicBaseUrl", bad));
            assertTrue(message.contains("publicBaseUrl"), bad + ": " + message);
        }
    }

    @Test
    void theProvidersSecretsComeOnlyFromTheSecretAndMayBeAbsent() {
        for (Renders.Case c : List.of(Renders.DEFAULTS, Renders.PRODUCTION, Renders.CHART_SECRETS_JVM)) {
            Manifests m = c.manifests();
            String secret = c == Renders.CHART_SECRETS_JVM ? Chart.RELEASE + "-secrets" : "sir-platform-secrets";
            JsonNode container = Manifests.container(m.forService("Deployment", SERVICE));
            PROVIDER_SECRETS.forEach((name, key) -> {
                JsonNode ref = Manifests.list(container.path("env")).stream()
                        .filter(e -> e.path("name").asText().equals(name))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(c + ": no " + name))
                        .path("valueFrom")
                        .path("secretKeyRef");
                assertEquals(secret, ref.path("name").asText(), c + " " + name);
                assertEquals(key, ref.path("key").asText(), c + " " + name);
                // Absent: that provider's production links answer 503; the pod still starts.
                assertTrue(ref.path("optional").asBoolean(), c + " " + name);
            });
            for (String s : Renders.SERVICES) {
                if (!s.equals(SERVICE)) {
                    assertTrue(
                            Manifests.env(m.forService("Deployment", s), m).keySet().stream()
                                    .noneMatch(PROVIDER_SECRETS::containsKey),
                            c + ": " + s + " gets a provider secret");
                }
            }
        }
    }

    @Test
    void aChartCreatedSecretHoldsOnlyTheProviderSecretsThatAreGiven() {
        Map<String, String> all =
                Renders.CHART_SECRETS_JVM.manifests().secretData().get(Chart.RELEASE + "-secrets");
        assertEquals("sk_test_helm_4c1e8a", all.get("donations-stripe-secret-key"));
        assertEquals("whsec_helm_9ab2f0", all.get("donations-stripe-webhook-secret"));
        assertEquals("test-every-org-token-3d7f", all.get("donations-every-org-webhook-token"));
        assertEquals("test-every-org-secret-81c4", all.get("donations-every-org-webhook-secret"));

        Map<String, String> onlyStripe = Chart.render(
                        Renders.chartSecretsValues().toString(),
                        Map.of(
                                "secrets.donations.stripeWebhookSecret", "",
                                "secrets.donations.everyOrgWebhookToken", "",
                                "secrets.donations.everyOrgWebhookSecret", ""))
                .secretData()
                .get(Chart.RELEASE + "-secrets");
        assertEquals("sk_test_helm_4c1e8a", onlyStripe.get("donations-stripe-secret-key"));
        assertFalse(onlyStripe.containsKey("donations-stripe-webhook-secret"), onlyStripe::toString);
        assertFalse(onlyStripe.containsKey("donations-every-org-webhook-token"), onlyStripe::toString);
        assertFalse(onlyStripe.containsKey("donations-every-org-webhook-secret"), onlyStripe::toString);
    }

    @Test
    void itMayReachKeysServiceAndThePaymentProvidersButNoOtherService() {
        Manifests m = Renders.PRODUCTION.manifests();
        List<JsonNode> egress = Manifests.list(
                m.forService("NetworkPolicy", SERVICE).path("spec").path("egress"));
        List<String> servicesReached = egress.stream()
                .flatMap(r -> Manifests.list(r.path("to")).stream())
                .map(p -> p.path("podSelector")
                        .path("matchLabels")
                        .path("app.kubernetes.io/name")
                        .asText())
                .filter(n -> !n.isEmpty())
                .toList();
        assertEquals(List.of("keys-service"), servicesReached);
        JsonNode providers = egress.stream()
                .filter(r -> Manifests.list(r.path("to")).stream()
                        .anyMatch(p -> p.path("ipBlock").path("cidr").asText().equals("0.0.0.0/0")))
                .findFirst()
                .orElseThrow();
        assertEquals(
                List.of(443),
                Manifests.list(providers.path("ports")).stream()
                        .map(p -> p.path("port").asInt())
                        .toList());
        // Turned off: no internet at all (e.g. sandbox-only, or a proxy added through extraEgress).
        Manifests off = Chart.render(Map.of("services.donations-service.donations.egress.cidrs", "null"));
        assertTrue(Manifests.list(
                        off.forService("NetworkPolicy", SERVICE).path("spec").path("egress"))
                .stream()
                .flatMap(r -> Manifests.list(r.path("to")).stream())
                .noneMatch(p -> p.path("ipBlock").path("cidr").asText().equals("0.0.0.0/0")));
    }

    @Test
    void theNotesNameWhereDonorsGoAndWhereTheProvidersWebhooksAreRegistered() {
        String notes = Chart.notes(Chart.PRODUCTION_VALUES, Map.of());
        assertTrue(notes.contains("https://api.sirgiving.org/v1/providers/stripe/webhook"), notes);
        assertTrue(notes.contains("https://api.sirgiving.org/v1/providers/every-org/webhook"), notes);
        assertTrue(notes.contains("donations-stripe-webhook-secret"), notes);
    }
}
