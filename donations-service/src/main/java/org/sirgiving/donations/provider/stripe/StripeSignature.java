package org.sirgiving.donations.provider.stripe;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sirgiving.kernel.crypto.Crypto;

/**
 * Stripe's webhook signature, checked as Stripe documents it ("Verify webhook signatures manually"): the
 * {@code Stripe-Signature} header is a comma-separated list of {@code key=value} elements; {@code t} is the Unix time
 * of signing and every {@code v1} is a hex HMAC-SHA256, keyed with the endpoint's signing secret, of
 * {@code t + "." + rawBody}. Other schemes ({@code v0}, test-mode extras) are ignored. More than one {@code v1} appears
 * while a secret is being rolled: one match is enough. The timestamp must be within 300 s of our clock (Stripe's
 * default tolerance), which bounds how long a captured request can be replayed.
 */
public final class StripeSignature {
    public static final String HEADER = "Stripe-Signature";
    public static final Duration TOLERANCE = Duration.ofSeconds(300);

    /** Why a request was refused; the webhook answers each with 400 so that Stripe shows it as failed. */
    public enum Problem {
        MISSING("the Stripe-Signature header is missing"),
        MALFORMED("the Stripe-Signature header has no t=… timestamp or no v1=… signature"),
        STALE("the Stripe-Signature timestamp is more than 300 s away from now"),
        MISMATCH("no v1 signature of the Stripe-Signature header matches the body");

        private final String message;

        Problem(String message) {
            this.message = message;
        }

        public String message() {
            return message;
        }
    }

    private StripeSignature() {}

    /** Empty when the header proves that Stripe signed exactly these body bytes recently. */
    public static Optional<Problem> check(String header, byte[] rawBody, String secret, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.of(Problem.MISSING);
        }
        Long timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String element : header.split(",")) {
            int eq = element.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = element.substring(0, eq).trim();
            String value = element.substring(eq + 1).trim();
            if (key.equals("t")) {
                try {
                    timestamp = Long.parseLong(value);
                } catch (NumberFormatException notANumber) {
                    return Optional.of(Problem.MALFORMED);
                }
            } else if (key.equals("v1")) {
                signatures.add(value);
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            return Optional.of(Problem.MALFORMED);
        }
        String expected = sign(timestamp, rawBody, secret);
        // Every candidate is compared in full (constant time each), so timing tells nothing about which one was close.
        boolean matched = false;
        for (String candidate : signatures) {
            matched |= Crypto.constantTimeEquals(expected, candidate);
        }
        if (!matched) {
            return Optional.of(Problem.MISMATCH);
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > TOLERANCE.toSeconds()) {
            return Optional.of(Problem.STALE);
        }
        return Optional.empty();
    }

    /** The v1 signature of {@code body} at {@code timestamp}: hex HMAC-SHA256 of {@code "<t>.<body>"}. */
    public static String sign(long timestamp, byte[] rawBody, String secret) {
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + rawBody.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(rawBody, 0, signed, prefix.length, rawBody.length);
        return Crypto.hmacSha256Hex(secret, signed);
    }
}
