package org.sirgiving.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One sandbox partner as the harness drives it: created by a user JWT ({@code POST /v1/partner/keys}), then signing
 * its requests like a partner's backend (docs/partner-api.md section 3, as {@code scripts/partner-curl} and SubmitBench do):
 * {@code hex(HMAC-SHA256(hmacSecret, X-Timestamp + METHOD + pathWithQuery + hex(SHA-256(body))))}.
 */
final class Partner {
    static final ObjectMapper JSON = new ObjectMapper();
    /** HTTP/1.1 only (no h2c upgrade attempts against nginx); connections are pooled and reused. */
    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    static final String SUBMIT = "/v1/partner/actions/submit";
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    record Reply(int status, String body, JsonNode json, HttpHeaders headers) {
        String text(String field) {
            return json.path(field).asText("");
        }

        @Override
        public String toString() {
            return status + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }

    final String gateway;
    final String subject;
    final String jwt;
    final String partnerId;
    final String secretKey;
    final String hmacSecret;

    private Partner(String gateway, String subject, String jwt, JsonNode issued) {
        this.gateway = gateway;
        this.subject = subject;
        this.jwt = jwt;
        this.partnerId = issued.path("partnerId").asText();
        this.secretKey = issued.path("secretKey").asText();
        this.hmacSecret = issued.path("hmacSecret").asText();
    }

    /** The first key of a new user creates the partner (sandbox, STANDARD tier). */
    static Partner create(String gateway, String subject, String jwt) throws Exception {
        Reply r = withJwt(
                gateway,
                "POST",
                "/v1/partner/keys",
                jwt,
                "{\"name\":\"bench\",\"environment\":\"sandbox\",\"keyType\":\"standard\"}");
        if (r.status() != 201
                || r.text("secretKey").isEmpty()
                || r.text("partnerId").isEmpty()) {
            throw new IllegalStateException("key creation for " + subject + ": " + r);
        }
        return new Partner(gateway, subject, jwt, r.json());
    }

    HttpRequest signed(String method, String pathWithQuery, byte[] body) {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        String bodyHash = HexFormat.of().formatHex(sha256(body));
        String signature = hmacHex(hmacSecret, timestamp + method + pathWithQuery + bodyHash);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway + pathWithQuery))
                .timeout(REQUEST_TIMEOUT)
                .header("X-Partner-Key", secretKey)
                .header("X-Timestamp", timestamp)
                .header("X-Signature", signature)
                .method(
                        method,
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body.length > 0) {
            b.header("Content-Type", "application/json");
        }
        return b.build();
    }

    Reply send(String method, String pathWithQuery, String body) throws Exception {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        return reply(HTTP.send(signed(method, pathWithQuery, bytes), HttpResponse.BodyHandlers.ofString()));
    }

    /** A signed submit request with a fresh idempotency key, for one of {@code users} partnerUserIds. */
    HttpRequest submitRequest(long seq, int users) {
        return signed("POST", SUBMIT, submitBody(seq, users));
    }

    static byte[] submitBody(long seq, int users) {
        String body = "{\"idempotencyKey\":\"bench_" + UUID.randomUUID() + "\",\"actionType\":\"PURCHASE\","
                + "\"amount\":1.00,\"currency\":\"USD\",\"stakeholders\":[{\"stakeholderTypeCode\":\"CUSTOMER\","
                + "\"partnerUserId\":\"bench-user-" + Math.floorMod(seq, Math.max(1, users)) + "\"}],"
                + "\"autoCreateUsers\":true}";
        return body.getBytes(StandardCharsets.UTF_8);
    }

    static Reply withJwt(String gateway, String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return reply(HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString()));
    }

    static Reply reply(HttpResponse<String> r) {
        String body = r.body() == null ? "" : r.body();
        JsonNode json;
        try {
            String t = body.trim();
            json = t.startsWith("{") || t.startsWith("[") ? JSON.readTree(t) : JSON.missingNode();
        } catch (Exception e) {
            json = JSON.missingNode();
        }
        return new Reply(r.statusCode(), body, json, r.headers());
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String hmacHex(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
