package org.sirgiving.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sirgiving.webhooks.service.WebhookSignature;

class WebhookSignatureTest {
    private static final String BODY =
            "{\"id\":\"evt_abc123\",\"type\":\"action.completed\",\"createdAt\":\"2026-05-10T09:12:00Z\","
                    + "\"data\":{\"actionId\":\"a1\",\"tokensDistributed\":50}}";
    private static final String SECRET = "whsec_" + "b".repeat(64);

    @Test
    void reproducesTheContractVector() {
        assertEquals(
                "sha256=886f97c4061d4b6461b2259a483f5ea82089fb18d0f5c223691cc8345072db70",
                WebhookSignature.sign(SECRET, 1778404320L, BODY.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The Standard Webhooks signature of the contract vector's event: the value the standardwebhooks npm package's
     * {@code new Webhook(secret).sign("evt_abc123", new Date(1778404320000), body)} gives (and Node's own
     * {@code createHmac} keyed with the base64-decoded part after {@code whsec_}).
     */
    @Test
    void reproducesTheStandardWebhooksLibrarysSignatureOfTheContractVector() {
        assertEquals(
                "v1,gf/d/bjqokrAIDldHpxtgoWZlqEVUqRJEfB1TysaMO0=",
                WebhookSignature.standard(SECRET, "evt_abc123", 1778404320L, BODY.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void signsWithEverySecretSpaceSeparatedCurrentFirst() {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        String old = "whsec_" + "c".repeat(64);
        assertEquals(
                "sha256=886f97c4061d4b6461b2259a483f5ea82089fb18d0f5c223691cc8345072db70",
                WebhookSignature.signAll(List.of(SECRET), 1778404320L, body));
        assertEquals(
                WebhookSignature.sign(SECRET, 1778404320L, body) + " " + WebhookSignature.sign(old, 1778404320L, body),
                WebhookSignature.signAll(List.of(SECRET, old), 1778404320L, body));
        assertEquals(
                "v1,gf/d/bjqokrAIDldHpxtgoWZlqEVUqRJEfB1TysaMO0= "
                        + WebhookSignature.standard(old, "evt_abc123", 1778404320L, body),
                WebhookSignature.standardAll(List.of(SECRET, old), "evt_abc123", 1778404320L, body));
    }
}
