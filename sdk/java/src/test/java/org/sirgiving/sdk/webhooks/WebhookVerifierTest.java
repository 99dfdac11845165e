package org.sirgiving.sdk.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Webhook verification (docs/partner-api.md section 6), held to the contract's vector and Standard Webhooks'. */
class WebhookVerifierTest {
    private static final String SECRET = "whsec_" + "b".repeat(64);
    private static final String TIMESTAMP = "1778404320";
    private static final byte[] BODY =
            ("{\"id\":\"evt_abc123\",\"type\":\"action.completed\",\"createdAt\":\"2026-05-10T09:12:00Z\","
                            + "\"data\":{\"actionId\":\"a1\",\"tokensDistributed\":50}}")
                    .getBytes(StandardCharsets.UTF_8);
    private static final String VECTOR_SIGNATURE =
            "sha256=886f97c4061d4b6461b2259a483f5ea82089fb18d0f5c223691cc8345072db70";

    private static WebhookVerifier at(long epochSecond, String... secrets) {
        return new WebhookVerifier(
                List.of(secrets),
                Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC),
                WebhookVerifier.DEFAULT_TOLERANCE);
    }

    @Test
    void acceptsTheContractsVectorAndParsesTheEnvelope() {
        WebhookEvent event = at(1778404320L, SECRET)
                .verify(
                        Map.of("x-sir-timestamp", List.of(TIMESTAMP), "X-SIR-Signature", List.of(VECTOR_SIGNATURE)),
                        BODY);

        assertEquals("evt_abc123", event.id());
        assertEquals(WebhookEvent.ACTION_COMPLETED, event.type());
        assertEquals(Instant.parse("2026-05-10T09:12:00Z"), event.createdAt());
        assertEquals("a1", event.data().path("actionId").asText());
        assertEquals(50, event.data().path("tokensDistributed").asLong());
    }

    @Test
    void acceptsARotationsListWhenEitherSignatureIsOurs() {
        String other = "sha256=" + "0".repeat(64);

        at(1778404320L, SECRET).verifySirSignature(TIMESTAMP, other + " " + VECTOR_SIGNATURE, BODY);
        at(1778404320L, SECRET).verifySirSignature(TIMESTAMP, VECTOR_SIGNATURE + " " + other, BODY);
    }

    @Test
    void aReceiverHoldingTheOldAndNewSecretAcceptsEither() {
        at(1778404320L, "whsec_" + "c".repeat(64), SECRET).verifySirSignature(TIMESTAMP, VECTOR_SIGNATURE, BODY);
    }

    @Test
    void refusesAChangedBodyAnotherSecretOrAMissingSignature() {
        byte[] changed =
                new String(BODY, StandardCharsets.UTF_8).replace("50", "51").getBytes(StandardCharsets.UTF_8);

        assertThrows(
                WebhookVerificationException.class,
                () -> at(1778404320L, SECRET).verifySirSignature(TIMESTAMP, VECTOR_SIGNATURE, changed));
        assertThrows(
                WebhookVerificationException.class,
                () -> at(1778404320L, "whsec_" + "c".repeat(64)).verifySirSignature(TIMESTAMP, VECTOR_SIGNATURE, BODY));
        assertThrows(
                WebhookVerificationException.class,
                () -> at(1778404320L, SECRET).verify(Map.of("X-SIR-Timestamp", List.of(TIMESTAMP)), BODY));
        assertThrows(
                WebhookVerificationException.class,
                () -> at(1778404320L, SECRET).verifySirSignature(TIMESTAMP, "sha256=not-hex", BODY));
    }

    @Test
    void refusesATimestampMoreThanFiveMinutesAwayEitherSide() {
        at(1778404320L + 300, SECRET).verifySirSignature(TIMESTAMP, VECTOR_SIGNATURE, BODY);
        at(1778404320L - 300, SECRET).verifySirSignature(TIMESTAMP, VECTOR_SIGNATURE, BODY);

        assertThrows(
                WebhookVerificationException.class,
                () -> at(1778404320L + 301, SECRET).verifySirSignature(TIMESTAMP, VECTOR_SIGNATURE, BODY));
        assertThrows(
                WebhookVerificationException.class,
                () -> at(1778404320L - 301, SECRET).verifySirSignature(TIMESTAMP, VECTOR_SIGNATURE, BODY));
    }

    /** The vector published by the Standard Webhooks project, so the SDK agrees with every off-the-shelf verifier. */
    @Test
    void reproducesTheStandardWebhooksVector() {
        WebhookVerifier verifier = new WebhookVerifier(
                List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
                Clock.fixed(Instant.ofEpochSecond(1614265330L), ZoneOffset.UTC),
                Duration.ofSeconds(300));

        verifier.verifyStandardWebhook(
                "msg_p5jXN8AQM9LWM0D4loKWxJek",
                "1614265330",
                "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));
        assertThrows(
                WebhookVerificationException.class,
                () -> verifier.verifyStandardWebhook(
                        "msg_other",
                        "1614265330",
                        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                        "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void verifiesStandardWebhooksHeadersWithOurSecretAndASignatureList() throws Exception {
        byte[] key = Base64.getDecoder().decode("b".repeat(64));
        String signature = "v1,"
                + Base64.getEncoder()
                        .encodeToString(
                                hmac(key, "evt_abc123." + TIMESTAMP + "." + new String(BODY, StandardCharsets.UTF_8)));

        WebhookEvent event = at(1778404320L, SECRET)
                .verify(
                        Map.of(
                                "webhook-id", List.of("evt_abc123"),
                                "webhook-timestamp", List.of(TIMESTAMP),
                                "webhook-signature", List.of("v1,AAAA " + signature)),
                        BODY);

        assertEquals("evt_abc123", event.id());
        assertThrows(
                WebhookVerificationException.class,
                () -> at(1778404320L + 301, SECRET).verifyStandardWebhook("evt_abc123", TIMESTAMP, signature, BODY));
    }

    @Test
    void refusesASignedBodyThatIsNotAnEnvelope() throws Exception {
        byte[] body = "[1,2]".getBytes(StandardCharsets.UTF_8);
        String signature = "sha256="
                + HexFormat.of().formatHex(hmac(SECRET.getBytes(StandardCharsets.UTF_8), TIMESTAMP + ".[1,2]"));

        assertThrows(
                WebhookVerificationException.class,
                () -> at(1778404320L, SECRET)
                        .verify(
                                name -> switch (name) {
                                    case WebhookVerifier.SIR_TIMESTAMP -> TIMESTAMP;
                                    case WebhookVerifier.SIR_SIGNATURE -> signature;
                                    default -> null;
                                },
                                body));
    }

    private static byte[] hmac(byte[] key, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    }
}
