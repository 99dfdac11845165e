package org.sirgiving.testinfra;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import org.sirgiving.partnerauth.signing.RequestSigning;

/** Sends requests signed the way a partner's backend signs them (docs/partner-api.md section 3). */
public final class SignedRequests {

    public record PartnerKeys(String publicKey, String secretKey, String hmacSecret) {}

    public static Response send(
            PartnerKeys keys, boolean useSecretKey, String method, String pathWithQuery, String body) {
        return send(keys, useSecretKey, method, pathWithQuery, body, System.currentTimeMillis() / 1000);
    }

    public static Response send(
            PartnerKeys keys, boolean useSecretKey, String method, String pathWithQuery, String body, long timestamp) {
        return send(RestAssured.given(), keys, useSecretKey, method, pathWithQuery, body, timestamp);
    }

    /** As {@link #send}, but a request not answered within {@link Promptly#TIMEOUT_MILLIS} fails the test. */
    public static Response sendPromptly(
            PartnerKeys keys, boolean useSecretKey, String method, String pathWithQuery, String body) {
        return send(
                Promptly.given(), keys, useSecretKey, method, pathWithQuery, body, System.currentTimeMillis() / 1000);
    }

    private static Response send(
            RequestSpecification given,
            PartnerKeys keys,
            boolean useSecretKey,
            String method,
            String pathWithQuery,
            String body,
            long timestamp) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String ts = Long.toString(timestamp);
        RequestSpecification spec = given.urlEncodingEnabled(false)
                .header(RequestSigning.HEADER_KEY, useSecretKey ? keys.secretKey() : keys.publicKey())
                .header(RequestSigning.HEADER_TIMESTAMP, ts)
                .header(
                        RequestSigning.HEADER_SIGNATURE,
                        RequestSigning.sign(keys.hmacSecret(), ts, method, pathWithQuery, bytes));
        if (body != null) {
            spec = spec.contentType("application/json").body(bytes);
        }
        return spec.request(method, pathWithQuery);
    }

    private SignedRequests() {}
}
