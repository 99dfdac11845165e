package org.sirgiving.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.sirgiving.openapicontract.OpenApiDocumentCheck;

/**
 * A partner's backend, written from the contract alone (docs/partner-api.md section 3): it signs
 * {@code timestamp + METHOD + pathWithQuery + hex(sha256(body))} with HMAC-SHA256 under the hmacSecret.
 */
final class PartnerClient {
    private static final Map<String, Long> LAST_SIGNED = new ConcurrentHashMap<>();

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Reply(int status, JsonNode body, HttpResponse<String> raw) {}

    private final String gateway;
    final String keyId;
    final String publicKey;
    final String secretKey;
    final String hmacSecret;

    PartnerClient(String gateway, JsonNode issuedKey) {
        this.gateway = gateway;
        this.keyId = issuedKey.path("id").asText();
        this.publicKey = issuedKey.path("publicKey").asText();
        this.secretKey = issuedKey.path("secretKey").asText();
        this.hmacSecret = issuedKey.path("hmacSecret").asText();
    }

    Reply send(String method, String pathWithQuery, String body, boolean withSecretKey) throws Exception {
        return send(method, pathWithQuery, body, withSecretKey, Map.of());
    }

    /** A signed request with extra headers (e.g. {@code Idempotency-Key}). */
    Reply send(String method, String pathWithQuery, String body, boolean withSecretKey, Map<String, String> headers)
            throws Exception {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String bodyHash =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        // A signature on a mutating request is accepted once (docs/partner-api.md section 3): the same request sent
        // again within a second is signed with the next second.
        String timestamp = Long.toString(LAST_SIGNED.merge(
                (withSecretKey ? secretKey : publicKey) + " " + method + " " + pathWithQuery + " " + bodyHash,
                System.currentTimeMillis() / 1000,
                (last, now) -> Math.max(now, last + 1)));
        String signature = hmacHex(hmacSecret, timestamp + method + pathWithQuery + bodyHash);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway + pathWithQuery))
                .timeout(Duration.ofSeconds(30))
                .header("X-Partner-Key", withSecretKey ? secretKey : publicKey)
                .header("X-Timestamp", timestamp)
                .header("X-Signature", signature)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        return reply(HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString()));
    }

    static Reply withJwt(String gateway, String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return reply(HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString()));
    }

    static Reply get(String url) throws Exception {
        return reply(HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    /** The committed partner document the gateway serves (docs/partners/openapi.json): every answer is held to it. */
    private static final OpenApiDocumentCheck DOCUMENT = partnerDocument();

    private static OpenApiDocumentCheck partnerDocument() {
        try {
            return OpenApiDocumentCheck.of(Files.readString(Path.of("../docs/partners/openapi.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Reply reply(HttpResponse<String> r) throws Exception {
        String path = r.request().uri().getRawPath();
        if (path.startsWith("/v1/")) {
            DOCUMENT.assertDocumented(
                    r.request().method(), path, r.statusCode(), r.headers().map(), r.body());
        }
        JsonNode body = r.body() == null
                        || r.body().isBlank()
                        || !r.body().trim().startsWith("{") && !r.body().trim().startsWith("[")
                ? JSON.nullNode()
                : JSON.readTree(r.body());
        return new Reply(r.statusCode(), body, r);
    }

    static String hmacHex(String key, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }
}
