package org.sirgiving.webhooks.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.sirgiving.kernel.crypto.Crypto;

/**
 * The two signatures every attempt carries (docs/partner-api.md section 6 and "Verifying with a Standard Webhooks
 * library"), each a space-separated list with one entry per signing secret, the current one first.
 *
 * <p>{@code X-SIR-Signature}, byte for byte the contract's: lowercase hex HMAC-SHA256 keyed with the {@code whsec_…}
 * string as issued, over {@code timestamp + "." + raw body}, as {@code sha256=<hex>}.
 *
 * <p>{@code webhook-signature}, the Standard Webhooks one (https://www.standardwebhooks.com): base64 HMAC-SHA256 over
 * {@code id + "." + timestamp + "." + raw body}, as {@code v1,<base64>}, keyed the way its libraries read a
 * {@code whsec_} secret: the part after the prefix, base64-decoded (our 64 hex digits are valid base64: 48 bytes).
 * Hand-written because no Standard Webhooks library for Java resolves here, and it is a few lines of JDK HMAC; the
 * standardwebhooks npm package verifies what it produces in the tests.
 */
public final class WebhookSignature {
    static final String SECRET_PREFIX = "whsec_";

    public static String sign(String secret, long timestamp, byte[] body) {
        return "sha256="
                + Crypto.hmacSha256Hex(secret, concat((timestamp + ".").getBytes(StandardCharsets.US_ASCII), body));
    }

    /** {@code X-SIR-Signature}: one {@code sha256=…} per secret, space-separated. */
    public static String signAll(List<String> secrets, long timestamp, byte[] body) {
        return secrets.stream().map(s -> sign(s, timestamp, body)).collect(Collectors.joining(" "));
    }

    /** One Standard Webhooks signature: {@code v1,<base64>}. */
    public static String standard(String secret, String messageId, long timestamp, byte[] body) {
        byte[] prefix = (messageId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(standardKey(secret), "HmacSHA256"));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(concat(prefix, body)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code webhook-signature}: one {@code v1,…} per secret, space-separated, as Standard Webhooks sends several. */
    public static String standardAll(List<String> secrets, String messageId, long timestamp, byte[] body) {
        return secrets.stream()
                .map(s -> standard(s, messageId, timestamp, body))
                .collect(Collectors.joining(" "));
    }

    /** The key Standard Webhooks libraries derive from a {@code whsec_} secret. */
    static byte[] standardKey(String secret) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }

    private static byte[] concat(byte[] prefix, byte[] body) {
        byte[] message = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, message, 0, prefix.length);
        System.arraycopy(body, 0, message, prefix.length, body.length);
        return message;
    }

    private WebhookSignature() {}
}
