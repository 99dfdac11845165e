package org.sirgiving.partnerauth.signing;

import java.nio.charset.StandardCharsets;
import org.sirgiving.kernel.crypto.Crypto;

/**
 * The partner request signature of docs/partner-api.md section 3, byte for byte:
 * <pre>
 * bodyHash      = hex(SHA-256(raw body bytes))
 * signedPayload = X-Timestamp + METHOD + pathWithQuery + bodyHash
 * X-Signature   = hex(HMAC-SHA256(key = hmacSecret, message = signedPayload))
 * </pre>
 * The one place this rule is written; verifiers and test clients both call it.
 */
public final class RequestSigning {
    public static final String HEADER_KEY = "X-Partner-Key";
    public static final String HEADER_TIMESTAMP = "X-Timestamp";
    public static final String HEADER_SIGNATURE = "X-Signature";
    /** Accepted clock skew, either way. */
    public static final long WINDOW_SECONDS = 300;

    public static String bodyHash(byte[] body) {
        return Crypto.sha256Hex(body == null ? new byte[0] : body);
    }

    public static String signedPayload(String timestamp, String method, String pathWithQuery, String bodyHash) {
        return timestamp + method + pathWithQuery + bodyHash;
    }

    public static String sign(String hmacSecret, String timestamp, String method, String pathWithQuery, byte[] body) {
        String payload = signedPayload(timestamp, method, pathWithQuery, bodyHash(body));
        return Crypto.hmacSha256Hex(hmacSecret, payload.getBytes(StandardCharsets.UTF_8));
    }

    /** Constant-time check of a provided signature against the one computed over the raw request. */
    public static boolean verify(
            String hmacSecret,
            String timestamp,
            String method,
            String pathWithQuery,
            byte[] body,
            String providedSignature) {
        return Crypto.constantTimeEquals(sign(hmacSecret, timestamp, method, pathWithQuery, body), providedSignature);
    }

    /** True when {@code timestamp} is Unix seconds as digits within the window around {@code nowSeconds}. */
    public static boolean withinWindow(String timestamp, long nowSeconds) {
        if (timestamp == null
                || timestamp.isEmpty()
                || timestamp.length() > 12
                || !timestamp.chars().allMatch(Character::isDigit)) {
            return false;
        }
        return Math.abs(nowSeconds - Long.parseLong(timestamp)) <= WINDOW_SECONDS;
    }

    private RequestSigning() {}
}
