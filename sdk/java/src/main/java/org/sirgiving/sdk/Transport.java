package org.sirgiving.sdk;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends one call: signs every attempt anew over the same body bytes, retries what is safe to retry, and turns the
 * answer into a model or a {@link SirApiException}.
 *
 * <p>What is retried: an idempotent call (a read, a submit or reversal, a create with an {@code Idempotency-Key}) after
 * a network failure, 409 {@code IDEMPOTENCY_IN_PROGRESS}, 429, 500 and 502–504; any other call only after 429 and 503,
 * which the contract answers before anything is done (section 9). 409 {@code IDEMPOTENT} is the original result,
 * returned as a success with {@link ApiResponse#replayed()}.
 */
final class Transport {
    static final String USER_AGENT = "sir-partner-sdk-java/0.1";

    private final URI baseUrl;
    private final RequestSigner signer;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final RetryPolicy retry;
    private final Clock clock;
    private final ObjectMapper json;

    Transport(
            URI baseUrl,
            RequestSigner signer,
            HttpClient http,
            Duration requestTimeout,
            RetryPolicy retry,
            Clock clock,
            ObjectMapper json) {
        this.baseUrl = baseUrl;
        this.signer = signer;
        this.http = http;
        this.requestTimeout = requestTimeout;
        this.retry = retry;
        this.clock = clock;
        this.json = json;
    }

    /** One call to make: {@code path} already percent-encoded, with its query. */
    record Call(String method, String path, byte[] body, Map<String, String> headers, boolean idempotent) {}

    <T> ApiResponse<T> send(Call call, JavaType type) {
        URI uri = URI.create(baseUrl + call.path());
        // what the server sees as pathWithQuery: the base URL may carry a path prefix of its own
        String pathWithQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        for (int attempt = 1; ; attempt++) {
            HttpResponse<byte[]> response;
            try {
                response = http.send(request(call, uri, pathWithQuery), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                if (!call.idempotent() || attempt >= retry.maxAttempts()) {
                    throw new SirTransportException(
                            call.method() + " " + call.path() + " got no answer after " + attempt + " attempt(s)",
                            attempt,
                            e);
                }
                pause(retry.backoff(attempt), call, attempt, e);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SirTransportException(call.method() + " " + call.path() + " was interrupted", attempt, e);
            }
            int status = response.statusCode();
            if (status / 100 == 2) {
                return new ApiResponse<>(
                        status, read(response.body(), type), requestId(response, null), false, limits(response));
            }
            SirApiException error = error(response);
            if (error.code() == ErrorCode.IDEMPOTENT && error.result().isPresent()) {
                T original = read(error.result().get(), type);
                return new ApiResponse<>(status, original, error.requestId(), true, limits(response));
            }
            if (attempt >= retry.maxAttempts() || !retryable(call, status, error.code())) {
                throw error;
            }
            Duration wait;
            if (error.retryAfter().isPresent()) {
                wait = error.retryAfter().get();
                if (wait.compareTo(retry.maxRetryAfter()) > 0) {
                    throw error;
                }
            } else {
                wait = retry.backoff(attempt);
            }
            pause(wait, call, attempt, error);
        }
    }

    private HttpRequest request(Call call, URI uri, String pathWithQuery) {
        RequestSigner.SignedHeaders signed = signer.sign(call.method(), pathWithQuery, call.body());
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Accept", "application/json")
                .header("User-Agent", USER_AGENT)
                .header(RequestSigner.PARTNER_KEY_HEADER, signed.partnerKey())
                .header(RequestSigner.TIMESTAMP_HEADER, signed.timestamp())
                .header(RequestSigner.SIGNATURE_HEADER, signed.signature());
        if (call.body() != null) {
            b.header("Content-Type", "application/json")
                    .method(call.method(), HttpRequest.BodyPublishers.ofByteArray(call.body()));
        } else {
            b.method(call.method(), HttpRequest.BodyPublishers.noBody());
        }
        call.headers().forEach(b::header);
        return b.build();
    }

    private static boolean retryable(Call call, int status, ErrorCode code) {
        if (status == 429 || status == 503) {
            return true;
        }
        if (!call.idempotent()) {
            return false;
        }
        return code == ErrorCode.IDEMPOTENCY_IN_PROGRESS || status == 500 || status == 502 || status == 504;
    }

    /** Waits before the next attempt; interrupted, it gives up with what the last attempt got. */
    private void pause(Duration wait, Call call, int attempt, Exception cause) {
        try {
            retry.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new SirTransportException(
                    call.method() + " " + call.path() + " was interrupted while waiting to retry", attempt, cause);
        }
    }

    private SirApiException error(HttpResponse<byte[]> response) {
        JsonNode body = null;
        try {
            body = response.body() == null || response.body().length == 0 ? null : json.readTree(response.body());
        } catch (IOException notJson) {
            // a proxy's HTML page, say: told by status alone below
        }
        String code = null;
        String message = "HTTP " + response.statusCode();
        String bodyRequestId = null;
        List<FieldError> details = new ArrayList<>();
        JsonNode result = null;
        if (body != null && body.isObject()) {
            code = body.path("code").asText(null);
            message = body.path("message").asText(message);
            bodyRequestId = body.path("requestId").asText(null);
            for (JsonNode d : body.path("details")) {
                details.add(new FieldError(
                        d.path("field").asText(null), d.path("message").asText(null)));
            }
            result = body.get("result");
        }
        return new SirApiException(
                response.statusCode(),
                code,
                message,
                requestId(response, bodyRequestId),
                details,
                retryAfter(response).orElse(null),
                result,
                json);
    }

    private <T> T read(byte[] body, JavaType type) {
        if (body == null || body.length == 0 || type.getRawClass() == Void.class) {
            return null;
        }
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw new IllegalStateException("The answer is not a " + type, e);
        }
    }

    private <T> T read(JsonNode node, JavaType type) {
        if (type.getRawClass() == Void.class) {
            return null;
        }
        try {
            return json.treeToValue(node, type);
        } catch (IOException e) {
            throw new IllegalStateException("The replayed result is not a " + type, e);
        }
    }

    private static String requestId(HttpResponse<?> response, String fromBody) {
        return fromBody != null
                ? fromBody
                : response.headers().firstValue("X-Request-Id").orElse(null);
    }

    /** Delta-seconds, or an HTTP date (RFC 9110 allows both). */
    private Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            String v = value.trim();
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
            } catch (NumberFormatException notSeconds) {
                try {
                    Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME)
                            .toInstant();
                    Duration d = Duration.between(clock.instant(), at);
                    return Optional.of(d.isNegative() ? Duration.ZERO : d);
                } catch (DateTimeParseException notADate) {
                    return Optional.empty();
                }
            }
        });
    }

    private static RateLimit limits(HttpResponse<?> response) {
        Optional<String> limit = response.headers().firstValue("X-RateLimit-Limit");
        Optional<String> remaining = response.headers().firstValue("X-RateLimit-Remaining");
        Optional<String> reset = response.headers().firstValue("X-RateLimit-Reset");
        if (limit.isEmpty() || remaining.isEmpty() || reset.isEmpty()) {
            return null;
        }
        try {
            return new RateLimit(
                    Long.parseLong(limit.get().trim()),
                    Long.parseLong(remaining.get().trim()),
                    Instant.ofEpochSecond(Long.parseLong(reset.get().trim())));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
