package org.sirgiving.testinfra;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sirgiving.partnerauth.signing.RequestSigning;

/** Sends requests signed the way a partner's backend signs them (docs/partner-api.md section 3). */
public final class SignedRequests {

    public record PartnerKeys(String publicKey, String secretKey, String hmacSecret) {}

    public static Response send(
            PartnerKeys keys, boolean useSecretKey, String method, String pathWithQuery, String body) {
        return send(keys, useSecretKey, method, pathWithQuery, body, Map.of());
    }

    /** Signed anew, with a fresh timestamp, and extra headers (an {@code Idempotency-Key}, say). */
    public static Response send(
            PartnerKeys keys,
            boolean useSecretKey,
            String method,
            String pathWithQuery,
            String body,
            Map<String, String> headers) {
        long timestamp =
                freshTimestamp(useSecretKey ? keys.secretKey() : keys.publicKey(), method, pathWithQuery, body);
        return send(keys, useSecretKey, method, pathWithQuery, body, timestamp, headers);
    }

    /**
     * Now, or one second past the last timestamp this same request was signed with: a signature on a mutating request
     * is accepted once (docs/partner-api.md section 3), so a client sending the same change again within a second
     * signs it with the next second, as a partner's client must.
     */
    public static long freshTimestamp(String key, String method, String pathWithQuery, String body) {
        String request = key + " " + method + " " + pathWithQuery + " "
                + RequestSigning.bodyHash(body == null ? null : body.getBytes(StandardCharsets.UTF_8));
        return LAST_SIGNED.merge(request, System.currentTimeMillis() / 1000, (last, now) -> Math.max(now, last + 1));
    }

    private static final Map<String, Long> LAST_SIGNED = new ConcurrentHashMap<>();

    public static Response send(
            PartnerKeys keys, boolean useSecretKey, String method, String pathWithQuery, String body, long timestamp) {
        return send(keys, useSecretKey, method, pathWithQuery, body, timestamp, Map.of());
    }

    /** With extra headers (an {@code Idempotency-Key}, say); the same timestamp again sends an exact replay. */
    public static Response send(
            PartnerKeys keys,
            boolean useSecretKey,
            String method,
            String pathWithQuery,
            String body,
            long timestamp,
            Map<String, String> headers) {
        return send(RestAssured.given(), keys, useSecretKey, method, pathWithQuery, body, timestamp, headers);
    }

    /** As {@link #send}, but a request not answered within {@link Promptly#TIMEOUT_MILLIS} fails the test. */
    public static Response sendPromptly(
            PartnerKeys keys, boolean useSecretKey, String method, String pathWithQuery, String body) {
        String key = useSecretKey ? keys.secretKey() : keys.publicKey();
        return send(
                Promptly.given(),
                keys,
                useSecretKey,
                method,
                pathWithQuery,
                body,
                freshTimestamp(key, method, pathWithQuery, body),
                Map.of());
    }

    private static Response send(
            RequestSpecification given,
            PartnerKeys keys,
            boolean useSecretKey,
            String method,
            String pathWithQuery,
            String body,
            long timestamp,
            Map<String, String> headers) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String ts = Long.toString(timestamp);
        RequestSpecification spec = given.urlEncodingEnabled(false)
                .header(RequestSigning.HEADER_KEY, useSecretKey ? keys.secretKey() : keys.publicKey())
                .header(RequestSigning.HEADER_TIMESTAMP, ts)
                .header(
                        RequestSigning.HEADER_SIGNATURE,
                        RequestSigning.sign(keys.hmacSecret(), ts, method, pathWithQuery, bytes))
                .headers(headers);
        if (body != null) {
            spec = spec.contentType("application/json").body(bytes);
        }
        return spec.request(method, pathWithQuery);
    }

    private SignedRequests() {}
}
