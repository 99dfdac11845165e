package org.sirgiving.webhooks.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.sirgiving.webhooks.domain.DeliveryAttempt;
import org.sirgiving.webhooks.domain.DeliveryState;
import org.sirgiving.webhooks.domain.WebhookDelivery;
import org.sirgiving.webhooks.domain.WebhookEndpoint;

/** Request and response bodies of the webhook endpoints (docs/partner-api.md section 6). */
public final class WebhookDtos {
    /** RFC 9110 token. */
    static final String HEADER_NAME = "[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}";

    static final String HEADER_NAME_MESSAGE = "must be an HTTP header name (letters, digits and !#$%&'*+.^_`|~-)";
    /** Headers we set, and hop-by-hop headers that would break the request. */
    static final String NOT_RESERVED =
            "(?i)(?!x-sir-|webhook-id$|webhook-timestamp$|webhook-signature$|content-type$|content-length$"
                    + "|user-agent$|host$|transfer-encoding$|connection$|keep-alive$|upgrade$|te$|trailer$|expect$"
                    + "|proxy-).*";

    static final String NOT_RESERVED_MESSAGE = "is set by SIR Giving (X-SIR-*, webhook-id, webhook-timestamp, "
            + "webhook-signature, Content-Type, User-Agent, Host, Content-Length, hop-by-hop headers) and cannot be "
            + "overridden";
    /** Visible ASCII, space and tab: no CR/LF, so no header can be smuggled in. */
    static final String HEADER_VALUE = "[\\t\\x20-\\x7E]*";

    static final String HEADER_VALUE_MESSAGE = "must be printable ASCII (no line breaks)";

    @SubscribesToEvents
    public record CreateEndpointRequest(
            @NotBlank @Size(max = 2048) @WebhookUrl String url,
            @Size(max = 500) String description,
            @Size(max = 20) List<@NotNull @KnownEventType String> eventTypes,
            Boolean receiveAllEvents,

            @Size(max = 10, message = "must have at most 10 headers") Map<
                            @NotNull @Pattern(regexp = HEADER_NAME, message = HEADER_NAME_MESSAGE) @Pattern(regexp = NOT_RESERVED, message = NOT_RESERVED_MESSAGE) String,
                            @NotNull @Size(max = 1024) @Pattern(regexp = HEADER_VALUE, message = HEADER_VALUE_MESSAGE) String>
                    headers) {}

    /** Absent (or null) fields stay as they are; an empty description clears it. */
    public record UpdateEndpointRequest(
            @Size(min = 1, max = 2048) @WebhookUrl String url,
            @Size(max = 500) String description,
            @Size(max = 20) List<@NotNull @KnownEventType String> eventTypes,
            Boolean receiveAllEvents,

            @Size(max = 10, message = "must have at most 10 headers") Map<
                            @NotNull @Pattern(regexp = HEADER_NAME, message = HEADER_NAME_MESSAGE) @Pattern(regexp = NOT_RESERVED, message = NOT_RESERVED_MESSAGE) String,
                            @NotNull @Size(max = 1024) @Pattern(regexp = HEADER_VALUE, message = HEADER_VALUE_MESSAGE) String>
                    headers,

            @JsonProperty("isActive") Boolean isActive) {}

    /** An endpoint as listed: never its secret. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EndpointView(
            String id,
            String url,
            String description,
            List<String> eventTypes,
            boolean receiveAllEvents,
            Map<String, String> headers,
            @JsonProperty("isActive") boolean isActive,
            boolean secretRevealed,
            String disabledReason,
            Instant disabledAt,
            Instant createdAt,
            Instant updatedAt) {
        public static EndpointView of(WebhookEndpoint e) {
            return new EndpointView(
                    e.id,
                    e.url,
                    e.description,
                    e.eventTypeList(),
                    e.receiveAllEvents,
                    e.headerMap(),
                    e.active,
                    e.secretRevealed,
                    e.disabledReason,
                    e.disabledAt,
                    e.createdAt,
                    e.updatedAt);
        }
    }

    /**
     * The create, rotate-secret and reveal-secret responses: the only places the signing secret ever appears. A
     * rotation's answer also has {@code previousSecretExpiresAt}: until then the replaced secret keeps signing beside
     * the new one (never the replaced secret itself).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IssuedEndpointView(
            String id,
            String url,
            String description,
            List<String> eventTypes,
            boolean receiveAllEvents,
            Map<String, String> headers,
            String secret,
            @JsonProperty("isActive") boolean isActive,
            Instant createdAt,
            Instant updatedAt,
            Instant previousSecretExpiresAt) {
        public static IssuedEndpointView of(WebhookEndpoint e, String secret, Instant previousSecretExpiresAt) {
            return new IssuedEndpointView(
                    e.id,
                    e.url,
                    e.description,
                    e.eventTypeList(),
                    e.receiveAllEvents,
                    e.headerMap(),
                    secret,
                    e.active,
                    e.createdAt,
                    e.updatedAt,
                    previousSecretExpiresAt);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AttemptView(
            int attempt, Integer statusCode, long latencyMs, String responseExcerpt, String error, Instant at) {
        public static AttemptView of(DeliveryAttempt a) {
            return new AttemptView(a.attempt, a.statusCode, a.latencyMs, a.responseExcerpt, a.error, a.attemptedAt);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeliveryView(
            String id,
            String endpointId,
            String eventId,
            String eventType,
            String status,
            int attemptCount,
            Instant nextAttemptAt,
            String lastError,
            Instant deliveredAt,
            Instant createdAt,
            Instant updatedAt,
            List<AttemptView> attempts) {
        public static DeliveryView of(WebhookDelivery d, List<DeliveryAttempt> attempts) {
            return new DeliveryView(
                    d.id,
                    d.endpointId,
                    d.eventId,
                    d.eventType,
                    d.state.name(),
                    d.attemptCount,
                    // While SENDING, next_attempt_at is the lease expiry: not a time the partner should see.
                    d.state == DeliveryState.PENDING ? d.nextAttemptAt : null,
                    d.lastError,
                    d.deliveredAt,
                    d.createdAt,
                    d.updatedAt,
                    attempts.stream().map(AttemptView::of).toList());
        }
    }

    private WebhookDtos() {}
}
