package org.sirgiving.webhooks.service;

import java.net.ConnectException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Why an attempt ended as it did, as few values as an operator tells apart: the {@code reason} tag of
 * {@code sir_webhooks_attempts_total}. Errors are classified by type, never by message.
 */
public enum AttemptReason {
    HTTP_2XX,
    /** Redirects are not followed: a 3xx is a failure. */
    HTTP_3XX,
    /** 410 Gone: the endpoint is disabled. */
    GONE,
    HTTP_429,
    HTTP_4XX,
    HTTP_5XX,
    HTTP_OTHER,
    TIMEOUT,
    CONNECTION,
    TLS,
    /** The URL's host no longer resolves to a public address (TargetPolicy). */
    TARGET_REFUSED,
    OTHER;

    public static AttemptReason ofStatus(int status) {
        if (status >= 200 && status < 300) {
            return HTTP_2XX;
        }
        if (status == 410) {
            return GONE;
        }
        if (status == 429) {
            return HTTP_429;
        }
        if (status >= 300 && status < 400) {
            return HTTP_3XX;
        }
        if (status >= 400 && status < 500) {
            return HTTP_4XX;
        }
        return status >= 500 && status < 600 ? HTTP_5XX : HTTP_OTHER;
    }

    /** An attempt that got no response. A connect time-out is a time-out (it is also a ConnectException). */
    public static AttemptReason ofError(Throwable e) {
        if (e instanceof TargetPolicy.Refused) {
            return TARGET_REFUSED;
        }
        if (e instanceof TimeoutException || e.getClass().getSimpleName().contains("Timeout")) {
            return TIMEOUT;
        }
        if (e instanceof ConnectException) {
            return CONNECTION;
        }
        return e instanceof SSLException ? TLS : OTHER;
    }

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
