package org.sirgiving.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.sirgiving.webhooks.service.WebhookSignature;

class WebhookSignatureTest {
    @Test
    void reproducesTheContractVector() {
        String body = "{\"id\":\"evt_abc123\",\"type\":\"action.completed\",\"createdAt\":\"2026-05-10T09:12:00Z\","
                + "\"data\":{\"actionId\":\"a1\",\"tokensDistributed\":50}}";
        assertEquals(
                "sha256=886f97c4061d4b6461b2259a483f5ea82089fb18d0f5c223691cc8345072db70",
                WebhookSignature.sign("whsec_" + "b".repeat(64), 1778404320L, body.getBytes(StandardCharsets.UTF_8)));
    }
}
