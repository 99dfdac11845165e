package org.sirgiving.webhooks.service;

import java.time.Duration;

/** What one HTTP attempt came to: a response (status, Retry-After, body excerpt) or an error before any response. */
public record AttemptResult(
        Integer statusCode,
        Duration retryAfter,
        String responseExcerpt,
        String error,
        AttemptReason reason,
        long latencyMs) {

    public static AttemptResult response(int statusCode, Duration retryAfter, String excerpt, long latencyMs) {
        return new AttemptResult(statusCode, retryAfter, excerpt, null, AttemptReason.ofStatus(statusCode), latencyMs);
    }

    public static AttemptResult failure(Throwable cause, String error, long latencyMs) {
        return new AttemptResult(null, null, null, error, AttemptReason.ofError(cause), latencyMs);
    }

    public boolean succeeded() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }

    public boolean gone() {
        return statusCode != null && statusCode == 410;
    }

    /** One line for the delivery's last error. */
    public String describe() {
        return error != null ? error : "HTTP " + statusCode;
    }
}
