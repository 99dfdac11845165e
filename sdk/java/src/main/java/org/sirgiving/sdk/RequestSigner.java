package org.sirgiving.sdk;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs partner requests as docs/partner-api.md section 3 says, byte for byte:
 *
 * <pre>
 * bodyHash      = lowercase hex SHA-256 of the raw body bytes (empty body: e3b0c442…b855)
 * signedPayload = X-Timestamp + METHOD + pathWithQuery + bodyHash
 * X-Signature   = lowercase hex HMAC-SHA256(key = ASCII bytes of hmacSecret, message = signedPayload)
 * </pre>
 *
 * A signature on a mutating request is accepted once, so every attempt is signed anew; the same mutating request
 * signed twice within one second is given the next second (the server accepts timestamps up to 300 s ahead).
 */
public final class RequestSigner {
    public static final String PARTNER_KEY_HEADER = "X-Partner-Key";
    public static final String TIMESTAMP_HEADER = "X-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Signature";

    private static final HexFormat HEX = HexFormat.of();
    /** Enough to remember every mutating request of the last second; older ones no longer matter. */
    private static final int REMEMBERED = 1024;

    private final String partnerKey;
    private final SecretKeySpec key;
    private final Clock clock;
    private final Map<String, Long> lastSigned = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBERED;
        }
    };

    public RequestSigner(String partnerKey, String hmacSecret, Clock clock) {
        this.partnerKey = Objects.requireNonNull(partnerKey, "partnerKey");
        this.key = new SecretKeySpec(
                Objects.requireNonNull(hmacSecret, "hmacSecret").getBytes(StandardCharsets.US_ASCII), "HmacSHA256");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The three headers for one attempt of a request, with a timestamp from the clock. */
    public SignedHeaders sign(String method, String pathWithQuery, byte[] body) {
        String upper = method.toUpperCase(Locale.ROOT);
        String bodyHash = bodyHash(body);
        long now = clock.instant().getEpochSecond();
        long timestamp = isMutating(upper) ? nextFor(upper + " " + pathWithQuery + " " + bodyHash, now) : now;
        String ts = Long.toString(timestamp);
        return new SignedHeaders(partnerKey, ts, signature(ts, upper, pathWithQuery, bodyHash));
    }

    /** {@code X-Signature} for a given timestamp: what the contract's test vectors pin down. */
    public String signature(String timestamp, String method, String pathWithQuery, byte[] body) {
        return signature(timestamp, method.toUpperCase(Locale.ROOT), pathWithQuery, bodyHash(body));
    }

    /** Lowercase hex SHA-256 of the raw body ({@code null} is the empty body). */
    public static String bodyHash(byte[] body) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(body == null ? new byte[0] : body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private String signature(String timestamp, String method, String pathWithQuery, String bodyHash) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            String payload = timestamp + method + pathWithQuery + bodyHash;
            return HEX.formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private synchronized long nextFor(String request, long now) {
        return lastSigned.merge(request, now, (last, current) -> Math.max(current, last + 1));
    }

    private static boolean isMutating(String method) {
        return !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
    }

    /** {@code X-Partner-Key}, {@code X-Timestamp} and {@code X-Signature} of one attempt. */
    public record SignedHeaders(String partnerKey, String timestamp, String signature) {
        @Override
        public String toString() {
            // the key is a credential: never printed whole
            return "SignedHeaders[timestamp=" + timestamp + "]";
        }
    }
}
