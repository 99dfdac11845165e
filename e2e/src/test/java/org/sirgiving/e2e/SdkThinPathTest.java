package org.sirgiving.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The TypeScript SDK (sdk/typescript, built by its module before this one) against the local run, as a partner uses
 * it: src/test/node/sdk-thin-path.mjs imports the built package, registers a webhook endpoint, submits an action
 * (and again: the original comes back), reads it back, gets typed errors for a bad body and a bad signature, and
 * reads the widget configuration with the publishable key alone; then the SDK verifies the real signed delivery.
 */
@ExtendWith(LocalRunExtension.class)
class SdkThinPathTest {
    private static LocalRun run;

    @BeforeAll
    static void start(LocalRun localRun) {
        run = localRun;
    }

    @Test
    void aPartnerSubmitsReadsBackAndVerifiesTheWebhookWithTheTypeScriptSdk() throws Exception {
        String token = run.token("e2e-sdk-" + UUID.randomUUID(), false);
        PartnerClient.Reply issued = PartnerClient.withJwt(
                run.gateway(),
                "POST",
                "/v1/partner/keys",
                token,
                "{\"name\":\"e2e sdk\",\"environment\":\"sandbox\",\"keyType\":\"standard\"}");
        assertEquals(201, issued.status(), issued.raw().body());
        PartnerClient partner = new PartnerClient(run.gateway(), issued.body());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> partner.send("GET", "/v1/partner/token-pools", null, false)
                                .body()
                                .path("data")
                                .size()
                        == 1);

        try (WebhookReceiver receiver = new WebhookReceiver()) {
            JsonNode out = node(
                    "run",
                    Map.of(
                            "SIR_GATEWAY", run.gateway(),
                            "SIR_SECRET_KEY", partner.secretKey,
                            "SIR_PUBLIC_KEY", partner.publicKey,
                            "SIR_HMAC_SECRET", partner.hmacSecret,
                            "SIR_WEBHOOK_URL", receiver.url()),
                    null);

            int status = out.path("submit").path("status").asInt();
            assertTrue(status == 200 || status == 202, out.toString());
            assertFalse(out.path("submit").path("replayed").asBoolean(), out.toString());
            assertTrue(out.path("submit").path("requestId").asText().length() > 0, out.toString());
            String actionId = out.path("actionId").asText();
            assertEquals(409, out.path("again").path("status").asInt(), out.toString());
            assertTrue(out.path("again").path("replayed").asBoolean(), out.toString());
            assertEquals(actionId, out.path("again").path("actionId").asText());
            assertEquals(actionId, out.path("read").path("actionId").asText());
            assertEquals("COMPLETED", out.path("read").path("status").asText(), out.toString());
            assertEquals(50, out.path("read").path("tokensDistributed").asLong());

            JsonNode bad = out.path("badRequest");
            assertEquals("SirApiError", bad.path("name").asText(), out.toString());
            assertEquals(400, bad.path("statusCode").asInt());
            assertEquals("VALIDATION_FAILED", bad.path("code").asText());
            assertEquals("amount", bad.path("details").get(0).path("field").asText(), out.toString());
            assertTrue(bad.path("requestId").asText().length() > 0, out.toString());
            assertEquals(401, out.path("badSignature").path("statusCode").asInt(), out.toString());
            assertEquals(
                    "INVALID_SIGNATURE", out.path("badSignature").path("code").asText());
            assertTrue(out.path("widgetConfig").path("isActive").asBoolean(), out.toString());

            WebhookReceiver.Received delivery = await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> receiver.received.stream()
                                    .filter(r -> new String(r.body(), StandardCharsets.UTF_8).contains(actionId))
                                    .findFirst()
                                    .orElse(null),
                            r -> r != null);
            ObjectNode input = PartnerClient.JSON.createObjectNode();
            input.put("secret", out.path("webhookSecret").asText());
            input.put("body", Base64.getEncoder().encodeToString(delivery.body()));
            ObjectNode headers = input.putObject("headers");
            for (String name : new String[] {
                "x-sir-timestamp", "x-sir-signature", "webhook-id", "webhook-timestamp", "webhook-signature"
            }) {
                if (delivery.header(name) != null) {
                    headers.put(name, delivery.header(name));
                }
            }
            JsonNode verified = node("verify", Map.of(), input.toString());
            assertEquals("action.completed", verified.path("sir").path("type").asText(), verified.toString());
            assertEquals(actionId, verified.path("sir").path("actionId").asText());
            assertEquals("WebhookVerificationError", verified.path("tampered").asText());
            if (delivery.header("webhook-signature") != null) {
                assertEquals(
                        verified.path("sir").path("id").asText(),
                        verified.path("standard").path("id").asText());
            }
        }
    }

    /** Runs the script on the installed Node with the built SDK; its last output line is JSON. */
    private static JsonNode node(String mode, Map<String, String> env, String stdin) throws Exception {
        Path sdk = run.repo.resolve("sdk/typescript");
        assertTrue(
                Files.exists(sdk.resolve("dist/index.js")),
                "sdk/typescript is not built: its module runs npm ci and npm run build before e2e");
        Path script = run.repo.resolve("e2e/src/test/node/sdk-thin-path.mjs");
        Path err = Files.createTempFile("sdk-thin-path-", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder("node", script.toString(), mode).redirectError(err.toFile());
            pb.environment().putAll(env);
            pb.environment().put("SIR_SDK_DIR", sdk.toString());
            Process p = pb.start();
            try (var in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            byte[] stdout = p.getInputStream().readAllBytes();
            if (!p.waitFor(3, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new AssertionError("node sdk-thin-path.mjs " + mode + " failed: " + Files.readString(err)
                        + new String(stdout, StandardCharsets.UTF_8));
            }
            String[] lines = new String(stdout, StandardCharsets.UTF_8).strip().split("\n");
            return PartnerClient.JSON.readTree(lines[lines.length - 1]);
        } catch (IOException e) {
            throw new AssertionError("node (Node.js 18+) must be installed", e);
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
