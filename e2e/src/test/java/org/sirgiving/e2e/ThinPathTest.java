package org.sirgiving.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The thin path through the whole suite, as a partner meets it through the gateway: a user creates a sandbox key,
 * the sandbox pool appears, a webhook endpoint is registered, a signed action is rewarded, the signed webhook
 * arrives, and the pool fell by exactly the tokens distributed.
 */
@ExtendWith(LocalRunExtension.class)
class ThinPathTest {
    private static LocalRun run;

    @BeforeAll
    static void start(LocalRun localRun) {
        run = localRun;
    }

    @Test
    void aSignedActionIsRewardedAndAnnouncedBySignedWebhook() throws Exception {
        String gateway = run.gateway();
        String token = run.token("e2e-" + UUID.randomUUID(), false);

        // a. The first key creates the partner; secrets come back once.
        PartnerClient.Reply issued = PartnerClient.withJwt(
                gateway,
                "POST",
                "/v1/partner/keys",
                token,
                "{\"name\":\"e2e backend\",\"environment\":\"sandbox\",\"keyType\":\"standard\"}");
        assertEquals(201, issued.status(), issued.raw().body());
        assertTrue(issued.body().path("secretKey").asText().startsWith("sk_test_"));
        assertEquals(64, issued.body().path("hmacSecret").asText().length());
        PartnerClient partner = new PartnerClient(gateway, issued.body());

        // b. The sandbox pool exists with its starting allocation as its first ledger entry.
        JsonNode pool = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> {
                            PartnerClient.Reply r = partner.send("GET", "/v1/partner/token-pools", null, false);
                            return r.status() == 200 && r.body().path("data").size() == 1
                                    ? r.body().path("data").get(0)
                                    : null;
                        },
                        p -> p != null);
        assertEquals(100_000, pool.path("balance").asLong());
        PartnerClient.Reply ledger = partner.send(
                "GET", "/v1/partner/token-pools/" + pool.path("id").asText() + "/ledger?page=1&limit=20", null, false);
        assertEquals(200, ledger.status(), ledger.raw().body());
        assertEquals(
                "ALLOCATION", ledger.body().path("data").get(0).path("type").asText());

        try (WebhookReceiver receiver = new WebhookReceiver()) {
            // d. A webhook endpoint for action.completed.
            PartnerClient.Reply hook = partner.send(
                    "POST",
                    "/v1/partner/webhooks",
                    "{\"url\":\"" + receiver.url()
                            + "\",\"description\":\"e2e\",\"eventTypes\":[\"action.completed\"]}",
                    true);
            assertEquals(201, hook.status(), hook.raw().body());
            String webhookSecret = hook.body().path("secret").asText();
            assertTrue(webhookSecret.startsWith("whsec_"));

            // c. A signed action, answered with its reward.
            String body = "{\"idempotencyKey\":\"purchase_" + UUID.randomUUID() + "\",\"actionType\":\"PURCHASE\","
                    + "\"amount\":49.99,\"currency\":\"USD\",\"stakeholders\":[{\"stakeholderTypeCode\":\"CUSTOMER\","
                    + "\"partnerUserId\":\"user-42\",\"userEmail\":\"u42@example.org\"}],\"autoCreateUsers\":true}";
            PartnerClient.Reply submitted = partner.send("POST", "/v1/partner/actions/submit", body, true);
            assertTrue(
                    submitted.status() == 200 || submitted.status() == 202,
                    submitted.raw().body());
            assertNotNull(submitted.raw().headers().firstValue("X-Request-Id").orElse(null));
            String actionId = submitted.body().path("actionId").asText();
            JsonNode action = submitted.status() == 200
                    ? submitted.body()
                    : await().atMost(Duration.ofSeconds(30))
                            .until(
                                    () -> partner.send("GET", "/v1/partner/actions/" + actionId, null, false)
                                            .body(),
                                    a -> "COMPLETED".equals(a.path("status").asText()));
            assertEquals("COMPLETED", action.path("status").asText());
            long tokens = action.path("tokensDistributed").asLong();
            assertEquals(50, tokens);
            assertEquals(1, action.path("transactionIds").size());

            // The webhook, verified as a partner verifies it.
            WebhookReceiver.Received delivery = await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> receiver.received.stream()
                                    .filter(r -> new String(r.body(), StandardCharsets.UTF_8).contains(actionId))
                                    .findFirst()
                                    .orElse(null),
                            r -> r != null);
            String timestamp = delivery.header("X-SIR-Timestamp");
            String expected = "sha256="
                    + PartnerClient.hmacHex(
                            webhookSecret, timestamp + "." + new String(delivery.body(), StandardCharsets.UTF_8));
            assertEquals(expected, delivery.header("X-SIR-Signature"));
            assertTrue(Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp)) < 300);
            assertEquals("SIRGiving-Webhooks/1.0", delivery.header("User-Agent"));
            JsonNode event = PartnerClient.JSON.readTree(delivery.body());
            assertEquals("action.completed", event.path("type").asText());
            assertEquals(event.path("id").asText(), delivery.header("X-SIR-Event-Id"));
            assertEquals(actionId, event.path("data").path("actionId").asText());
            assertEquals(tokens, event.path("data").path("tokensDistributed").asLong());

            // The pool fell by exactly the tokens distributed.
            PartnerClient.Reply after = partner.send(
                    "GET", "/v1/partner/token-pools/" + pool.path("id").asText(), null, false);
            assertEquals(100_000 - tokens, after.body().path("balance").asLong());
        }
    }

    @Test
    void theGatewayServesThePartnerDocsAndHidesInternalPaths() throws Exception {
        PartnerClient.Reply ui = PartnerClient.get(run.gateway() + "/partner-api");
        if (ui.status() / 100 == 3) {
            ui = PartnerClient.get(run.gateway()
                    + ui.raw().headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", ""));
        }
        assertEquals(200, ui.status());
        assertTrue(ui.raw().body().contains("swagger"), "Swagger UI page");
        // The one partner document, as committed (docs/partners, merged from the services' own documents).
        PartnerClient.Reply json = PartnerClient.get(run.gateway() + "/partner-api/openapi.json");
        assertEquals(200, json.status(), json.raw().body());
        assertTrue(
                json.raw().headers().firstValue("Content-Type").orElse("").contains("json"),
                json.raw().headers().toString());
        assertEquals(
                PartnerClient.JSON.readTree(Files.readString(run.repo.resolve("docs/partners/openapi.json"))),
                json.body());
        // The same document in YAML: the committed file as it is (e2e has no YAML parser; served as a static file).
        PartnerClient.Reply yaml = PartnerClient.get(run.gateway() + "/partner-api/openapi.yaml");
        assertEquals(200, yaml.status(), yaml.raw().body());
        assertEquals(
                Files.readString(run.repo.resolve("docs/partners/openapi.yaml")),
                yaml.raw().body());
        // The per-service documents (each service's /q/openapi) are no longer published.
        PartnerClient.Reply perService = PartnerClient.get(run.gateway() + "/partner-api/openapi/keys-service");
        assertEquals(404, perService.status(), perService.raw().body());
        assertEquals(
                "NOT_FOUND",
                perService.body().path("code").asText(),
                perService.raw().body());
        PartnerClient.Reply health = PartnerClient.get(run.gateway() + "/q/health");
        assertEquals(404, health.status());
        assertEquals("NOT_FOUND", health.body().path("code").asText());
        assertEquals(
                404,
                PartnerClient.get(run.gateway() + "/internal/v1/credentials?publicKey=x")
                        .status());
    }

    @Test
    void operatorsReachBothAdminSurfacesThroughTheGateway() throws Exception {
        String operator = run.token("ops-e2e", true);
        String user = run.token("not-an-operator-" + UUID.randomUUID(), false);
        for (String path :
                new String[] {"/v1/admin/partners", "/v1/admin/token-pools", "/v1/admin/token-pools/requests"}) {
            assertEquals(
                    200,
                    PartnerClient.withJwt(run.gateway(), "GET", path, operator, null)
                            .status(),
                    path);
            PartnerClient.Reply refused = PartnerClient.withJwt(run.gateway(), "GET", path, user, null);
            assertEquals(403, refused.status(), path);
            assertEquals("FORBIDDEN", refused.body().path("code").asText());
        }
    }
}
