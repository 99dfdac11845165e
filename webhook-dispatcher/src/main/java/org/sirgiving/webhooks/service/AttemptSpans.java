package org.sirgiving.webhooks.service;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/**
 * Each attempt of a delivery is a client span of the trace of the event it delivers (stored with the delivery when it
 * was queued), so a partner's "my webhook never came" is followed from the request to every attempt and its answer.
 */
@ApplicationScoped
public class AttemptSpans {
    public static final AttributeKey<String> DELIVERY_ID = AttributeKey.stringKey("sir.webhook.delivery_id");
    public static final AttributeKey<String> ENDPOINT_ID = AttributeKey.stringKey("sir.webhook.endpoint_id");
    public static final AttributeKey<String> EVENT_ID = AttributeKey.stringKey("sir.webhook.event_id");
    public static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("sir.webhook.attempt");
    public static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");

    private final Tracer tracer;

    public AttemptSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Runs one attempt in its span; the span ends with the attempt's result (a failed attempt is an error). */
    Uni<AttemptResult> traced(Claimed c, Supplier<Uni<AttemptResult>> attempt) {
        return Uni.createFrom().deferred(() -> {
            Span span = tracer.spanBuilder("webhook attempt")
                    .setParent(c.trace().asParent())
                    .setSpanKind(SpanKind.CLIENT)
                    .setAttribute(DELIVERY_ID, c.deliveryId())
                    .setAttribute(ENDPOINT_ID, c.endpointId())
                    .setAttribute(EVENT_ID, c.eventId())
                    .setAttribute(ATTEMPT, (long) c.attempt())
                    .startSpan();
            Scope scope = span.makeCurrent();
            Uni<AttemptResult> result;
            try {
                result = attempt.get();
            } finally {
                scope.close();
            }
            return result.invoke(r -> {
                        if (r.statusCode() != null) {
                            span.setAttribute(STATUS, r.statusCode().longValue());
                        }
                        if (!r.succeeded()) {
                            span.setStatus(StatusCode.ERROR, r.describe());
                        }
                    })
                    .onFailure()
                    .invoke(e -> span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName()))
                    .eventually(() -> span.end());
        });
    }
}
