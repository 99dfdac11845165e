package org.sirgiving.sdk.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.sirgiving.sdk.Json;

/**
 * Proves a webhook delivery came from SIR Giving, then parses it. Two header sets are understood, both signed with the
 * endpoint's {@code whsec_…} secret:
 *
 * <ul>
 *   <li>{@code X-SIR-Timestamp} and {@code X-SIR-Signature: sha256=<hex>}, hex = HMAC-SHA256(key = the secret string
 *       as issued, message = timestamp + "." + raw body) (docs/partner-api.md section 6);
 *   <li>the Standard Webhooks headers {@code webhook-id}, {@code webhook-timestamp} and {@code webhook-signature:
 *       v1,<base64>}, base64 = HMAC-SHA256(key = base64-decoded part of the secret after {@code whsec_}, message = id +
 *       "." + timestamp + "." + raw body).
 * </ul>
 *
 * Either header may hold several signatures separated by spaces: while a secret is being rotated, deliveries are signed
 * with the new and the old secret, and one match is enough. Signatures are compared in constant time; a timestamp more
 * than the tolerance (300 s) away from now is refused, so a captured delivery cannot be replayed later. Verify the raw
 * bytes as received, before any JSON parsing or re-encoding.
 */
public final class WebhookVerifier {
    public static final String SIR_TIMESTAMP = "X-SIR-Timestamp";
    public static final String SIR_SIGNATURE = "X-SIR-Signature";
    public static final String WEBHOOK_ID = "webhook-id";
    public static final String WEBHOOK_TIMESTAMP = "webhook-timestamp";
    public static final String WEBHOOK_SIGNATURE = "webhook-signature";
    public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(300);

    static final ObjectMapper JSON = Json.newMapper();

    private static final String SECRET_PREFIX = "whsec_";

    /** Looks a header up by name, case-insensitively; null when absent. */
    @FunctionalInterface
    public interface Headers {
        String get(String name);
    }

    private final List<String> secrets;
    private final Clock clock;
    private final Duration tolerance;

    /** A verifier for one endpoint's secret, on the system clock, with the 300 s tolerance. */
    public WebhookVerifier(String secret) {
        this(List.of(secret), Clock.systemUTC(), DEFAULT_TOLERANCE);
    }

    /**
     * Several secrets (the new and the old one while the receiver itself is switching) on a given clock; a delivery is
     * accepted when any of its signatures matches any of them.
     */
    public WebhookVerifier(List<String> secrets, Clock clock, Duration tolerance) {
        if (secrets == null || secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one webhook secret is needed");
        }
        for (String s : secrets) {
            if (s == null || !s.startsWith(SECRET_PREFIX)) {
                throw new IllegalArgumentException("a webhook secret starts with " + SECRET_PREFIX);
            }
        }
        this.secrets = List.copyOf(secrets);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
    }

    /**
     * Verifies a delivery by whichever signature headers it carries ({@code X-SIR-Signature} first, then {@code
     * webhook-signature}) and parses the envelope.
     *
     * @throws WebhookVerificationException when no signature matches, a header is missing or the timestamp is stale
     */
    public WebhookEvent verify(Headers headers, byte[] rawBody) {
        Objects.requireNonNull(rawBody, "rawBody");
        String sirSignature = headers.get(SIR_SIGNATURE);
        if (sirSignature != null) {
            verifySirSignature(headers.get(SIR_TIMESTAMP), sirSignature, rawBody);
        } else if (headers.get(WEBHOOK_SIGNATURE) != null) {
            verifyStandardWebhook(
                    headers.get(WEBHOOK_ID), headers.get(WEBHOOK_TIMESTAMP), headers.get(WEBHOOK_SIGNATURE), rawBody);
        } else {
            throw new WebhookVerificationException(
                    "No " + SIR_SIGNATURE + " or " + WEBHOOK_SIGNATURE + " header: not a SIR Giving delivery");
        }
        return WebhookEvent.parse(rawBody, JSON);
    }

    /** {@link #verify(Headers, byte[])} with the headers as most servers give them (names in any case). */
    public WebhookEvent verify(Map<String, ? extends Collection<String>> headers, byte[] rawBody) {
        return verify(name -> first(headers, name), rawBody);
    }

    /** Checks {@code X-SIR-Timestamp} and {@code X-SIR-Signature} (one or more {@code sha256=<hex>}). */
    public void verifySirSignature(String timestamp, String signatureHeader, byte[] rawBody) {
        require(timestamp, SIR_TIMESTAMP);
        require(signatureHeader, SIR_SIGNATURE);
        checkTimestamp(timestamp);
        byte[] message = concat(timestamp + ".", rawBody);
        List<byte[]> presented = new ArrayList<>();
        for (String part : signatureHeader.trim().split("\\s+")) {
            if (part.startsWith("sha256=")) {
                try {
                    presented.add(HexFormat.of().parseHex(part.substring("sha256=".length())));
                } catch (IllegalArgumentException ignored) {
                    // not hex: it cannot match, and another signature in the list still may
                }
            }
        }
        for (String secret : secrets) {
            byte[] expected = hmac(secret.getBytes(StandardCharsets.UTF_8), message);
            if (anyMatches(presented, expected)) {
                return;
            }
        }
        throw new WebhookVerificationException("No " + SIR_SIGNATURE + " matches the endpoint's secret");
    }

    /** Checks the Standard Webhooks headers ({@code webhook-signature}: one or more {@code v1,<base64>}). */
    public void verifyStandardWebhook(String id, String timestamp, String signatureHeader, byte[] rawBody) {
        require(id, WEBHOOK_ID);
        require(timestamp, WEBHOOK_TIMESTAMP);
        require(signatureHeader, WEBHOOK_SIGNATURE);
        checkTimestamp(timestamp);
        byte[] message = concat(id + "." + timestamp + ".", rawBody);
        List<byte[]> presented = new ArrayList<>();
        for (String part : signatureHeader.trim().split("\\s+")) {
            if (part.startsWith("v1,")) {
                try {
                    presented.add(Base64.getDecoder().decode(part.substring("v1,".length())));
                } catch (IllegalArgumentException ignored) {
                    // not base64: it cannot match, and another signature in the list still may
                }
            }
        }
        for (String secret : secrets) {
            byte[] expected = hmac(Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length())), message);
            if (anyMatches(presented, expected)) {
                return;
            }
        }
        throw new WebhookVerificationException("No " + WEBHOOK_SIGNATURE + " matches the endpoint's secret");
    }

    private void checkTimestamp(String timestamp) {
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw new WebhookVerificationException("The timestamp is not Unix seconds", e);
        }
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - seconds) > tolerance.toSeconds()) {
            throw new WebhookVerificationException("The timestamp is more than " + tolerance.toSeconds()
                    + " s away from now: a stale or replayed delivery (or a clock off)");
        }
    }

    /** Every presented signature is compared (in constant time), so timing tells nothing about which one matched. */
    private static boolean anyMatches(List<byte[]> presented, byte[] expected) {
        boolean match = false;
        for (byte[] p : presented) {
            match |= MessageDigest.isEqual(p, expected);
        }
        return match;
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] concat(String prefix, byte[] body) {
        byte[] head = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + body.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(body, 0, out, head.length, body.length);
        return out;
    }

    private static void require(String value, String header) {
        if (value == null || value.isBlank()) {
            throw new WebhookVerificationException("Missing " + header + " header");
        }
    }

    private static String first(Map<String, ? extends Collection<String>> headers, String name) {
        for (Map.Entry<String, ? extends Collection<String>> e : headers.entrySet()) {
            if (e.getKey() != null
                    && e.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))
                    && e.getValue() != null
                    && !e.getValue().isEmpty()) {
                return e.getValue().iterator().next();
            }
        }
        return null;
    }
}
