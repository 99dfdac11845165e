package org.sirgiving.webhooks.service;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.net.SocketAddress;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.ext.web.codec.BodyCodec;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.sirgiving.partnerauth.signing.SecretSealer;

/**
 * Makes one attempt of one delivery: a signed POST of the stored body to the address {@link TargetPolicy} approved,
 * non-blocking, no redirects, and never longer than the request timeout (15 s) from DNS to the last byte.
 */
@ApplicationScoped
public class WebhookSender {
    public static final String USER_AGENT = "SIRGiving-Webhooks/1.0";
    public static final String HEADER_TIMESTAMP = "X-SIR-Timestamp";
    public static final String HEADER_SIGNATURE = "X-SIR-Signature";
    public static final String HEADER_EVENT_ID = "X-SIR-Event-Id";
    public static final String HEADER_ATTEMPT = "X-SIR-Delivery-Attempt";
    public static final String HEADER_WEBHOOK_ID = "webhook-id";
    public static final String HEADER_WEBHOOK_TIMESTAMP = "webhook-timestamp";
    public static final String HEADER_WEBHOOK_SIGNATURE = "webhook-signature";
    static final int EXCERPT_BYTES = 1024;
    private static final int MAX_ERROR_CHARS = 500;

    private final WebClient client;
    private final TargetPolicy targets;
    private final SecretSealer sealer;
    private final Clock clock;
    private final Duration timeout;

    public WebhookSender(Vertx vertx, TargetPolicy targets, SecretSealer sealer, Clock clock, WebhookConfig config) {
        this.targets = targets;
        this.sealer = sealer;
        this.clock = clock;
        this.timeout = config.requestTimeout();
        this.client = WebClient.create(
                vertx,
                new WebClientOptions()
                        .setFollowRedirects(false)
                        // Our User-Agent is set per request, with the other contract headers.
                        .setUserAgentEnabled(false)
                        .setConnectTimeout((int) timeout.toMillis())
                        // The pool is per target address: one endpoint's stuck connections cannot take another's.
                        .setMaxPoolSize(config.maxInFlightPerEndpoint())
                        .setVerifyHost(true)
                        // No trace headers to partners (our trace ids are internal) and no second client span: the
                        // attempt is already one (AttemptSpans).
                        .setTracingPolicy(TracingPolicy.IGNORE));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    public Uni<AttemptResult> send(Claimed c) {
        long started = System.nanoTime();
        URI uri = URI.create(c.url());
        byte[] body = c.payload().getBytes(StandardCharsets.UTF_8);
        return targets.resolve(uri.getHost())
                .chain(address -> post(c, uri, address, body, started))
                .ifNoItem()
                .after(timeout)
                .failWith(() -> new TimeoutException("no response within " + timeout.toSeconds() + " s"))
                .onFailure()
                .recoverWithItem(e -> AttemptResult.failure(e, describe(e), millisSince(started)));
    }

    private Uni<AttemptResult> post(Claimed c, URI uri, InetAddress address, byte[] body, long started) {
        Instant now = clock.instant();
        long timestamp = now.getEpochSecond();
        // During a rotation's overlap the replaced secret signs too (second in each list); after it, only the new one.
        List<String> secrets =
                c.secrets().sealedAt(now).stream().map(sealer::open).toList();
        ResponseExcerpt excerpt = new ResponseExcerpt(EXCERPT_BYTES);
        // Connect to the approved address; the URL still gives the Host header, TLS SNI and the name the certificate is
        // checked against.
        HttpRequest<Buffer> request = client.requestAbs(
                        HttpMethod.POST, SocketAddress.inetSocketAddress(port(uri), address.getHostAddress()), c.url())
                .followRedirects(false)
                .timeout(timeout.toMillis());
        for (Map.Entry<String, String> h : c.headers().entrySet()) {
            request.putHeader(h.getKey(), h.getValue());
        }
        // Ours last: a custom header can never replace them (validation refuses such names too).
        request.putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", USER_AGENT)
                .putHeader(HEADER_TIMESTAMP, Long.toString(timestamp))
                .putHeader(HEADER_SIGNATURE, WebhookSignature.signAll(secrets, timestamp, body))
                .putHeader(HEADER_EVENT_ID, c.eventId())
                .putHeader(HEADER_ATTEMPT, Integer.toString(c.attempt()))
                // Standard Webhooks: the event id (the same on every attempt, so receivers dedupe on it).
                .putHeader(HEADER_WEBHOOK_ID, c.eventId())
                .putHeader(HEADER_WEBHOOK_TIMESTAMP, Long.toString(timestamp))
                .putHeader(
                        HEADER_WEBHOOK_SIGNATURE, WebhookSignature.standardAll(secrets, c.eventId(), timestamp, body));
        return request.as(BodyCodec.newInstance(excerpt.codec()))
                .sendBuffer(Buffer.buffer(body))
                .map(response -> AttemptResult.response(
                        response.statusCode(), retryAfter(response), excerpt.text(), millisSince(started)));
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** Honoured on 429 and 503 only: delta-seconds or an HTTP date. */
    private Duration retryAfter(HttpResponse<?> response) {
        if (response.statusCode() != 429 && response.statusCode() != 503) {
            return null;
        }
        String value = response.getHeader("Retry-After");
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds > 0 ? Duration.ofSeconds(seconds) : null;
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(
                        clock.instant(),
                        ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME)
                                .toInstant());
                return d.isNegative() ? null : d;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private String describe(Throwable e) {
        String message;
        if (e instanceof TargetPolicy.Refused) {
            message = "target refused: " + e.getMessage();
        } else if (e instanceof TimeoutException || e.getClass().getSimpleName().contains("Timeout")) {
            message = "timed out: no response within " + timeout.toSeconds() + " s";
        } else if (e instanceof ConnectException) {
            message = "connection failed: " + e.getMessage();
        } else if (e instanceof SSLException) {
            message = "TLS failed: " + e.getMessage();
        } else {
            message = e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
        }
        return message.length() > MAX_ERROR_CHARS ? message.substring(0, MAX_ERROR_CHARS) : message;
    }

    private static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
