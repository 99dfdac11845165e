package org.sirgiving.kernel.http;

import io.opentelemetry.api.common.AttributeKey;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;
import org.sirgiving.kernel.crypto.Crypto;

/** Request ids: taken from a well-formed incoming {@code X-Request-Id} (the gateway's), else made here. */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    static final String CONTEXT_KEY = "sir.requestId";
    /** The request id's name in the logging context (a JSON log line's {@code mdc}). */
    public static final String MDC_KEY = "requestId";
    /** The request id's attribute on the request's server span. */
    public static final AttributeKey<String> SPAN_ATTRIBUTE = AttributeKey.stringKey("sir.request_id");

    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9_.:-]{8,128}");

    static String assign(RoutingContext rc) {
        String incoming = rc.request().getHeader(HEADER);
        String id = incoming != null && ACCEPTED.matcher(incoming).matches() ? incoming : "req_" + Crypto.randomHex(12);
        rc.put(CONTEXT_KEY, id);
        rc.response().putHeader(HEADER, id);
        return id;
    }

    /** The current request's id; never null inside a request. */
    public static String of(RoutingContext rc) {
        String id = rc == null ? null : rc.get(CONTEXT_KEY);
        return id != null ? id : "req_" + Crypto.randomHex(12);
    }

    private RequestIds() {}
}
