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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.sirgiving.events.EventTypes;
import org.sirgiving.webhooks.domain.DeliveryAttempt;
import org.sirgiving.webhooks.domain.DeliveryState;
import org.sirgiving.webhooks.domain.WebhookDelivery;
import org.sirgiving.webhooks.domain.WebhookEndpoint;
import org.sirgiving.webhooks.domain.WebhookEventTypes;

/**
 * Request and response bodies of the webhook endpoints (docs/partner-api.md section 6). Their schema names start with
 * Webhook, as every service's names must be unique in the merged partner document.
 */
public final class WebhookDtos {
    static final String URL_TEXT = "Where deliveries go: `https://…`; plain `http://` only to a loopback address in"
            + " sandbox and local runs. A URL whose host resolves to a private, loopback, link-local or metadata"
            + " address is refused in production.";
    static final String URL_EXAMPLE = "https://example.com/webhooks/sir";
    static final String EVENT_TYPES_TEXT = "The event types to receive. An endpoint receives something: at least one"
            + " type, or `receiveAllEvents`.";
    static final String RECEIVE_ALL_TEXT = "Receive every event type, including types added later.";
    static final String HEADERS_TEXT = "Extra headers sent with every delivery to this endpoint (at most 10), e.g. a"
            + " token your receiver checks. Names are HTTP header names; headers SIR Giving sets itself (`X-SIR-*`,"
            + " `Content-Type`, `User-Agent`, …) and hop-by-hop headers are refused.";
    static final String HEADERS_EXAMPLE = "{\"X-Partner-Token\": \"t-1\"}";
    static final String ENDPOINT_ID_EXAMPLE = "whk_3f9a0c1b2d4e5f6a7b8c9d0e";
    static final String DESCRIPTION_EXAMPLE = "Order rewards";

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
    /**
     * Visible ASCII, space and tab: no CR/LF, so no header can be smuggled in. Anchored for the OpenAPI document, where
     * a pattern matches anywhere in the value (for Bean Validation the anchors change nothing).
     */
    static final String HEADER_VALUE = "^[\\t\\x20-\\x7E]*$";

    static final String HEADER_VALUE_MESSAGE = "must be printable ASCII (no line breaks)";

    @SubscribesToEvents
    @Schema(
            name = "CreateWebhookEndpointRequest",
            description = "A new endpoint: its URL, and what it receives (`eventTypes`, `receiveAllEvents` or both).")
    public record CreateEndpointRequest(
            @Schema(description = URL_TEXT, example = URL_EXAMPLE) @NotBlank @Size(max = 2048) @WebhookUrl
            String url,

            @Schema(description = "For you: what the endpoint is for.", example = DESCRIPTION_EXAMPLE) @Size(max = 500) String description,

            @Schema(
                    type = SchemaType.ARRAY,
                    implementation = WebhookSchemas.EventType.class,
                    description = EVENT_TYPES_TEXT)
            @Size(max = 20) List<@NotNull @KnownEventType String> eventTypes,

            @Schema(description = RECEIVE_ALL_TEXT, defaultValue = "false")
            Boolean receiveAllEvents,

            @Schema(type = SchemaType.OBJECT, description = HEADERS_TEXT, maxProperties = 10, example = HEADERS_EXAMPLE)
            @Size(max = 10, message = "must have at most 10 headers") Map<
                            @NotNull @Pattern(regexp = HEADER_NAME, message = HEADER_NAME_MESSAGE) @Pattern(regexp = NOT_RESERVED, message = NOT_RESERVED_MESSAGE) String,
                            @NotNull @Size(max = 1024) @Pattern(regexp = HEADER_VALUE, message = HEADER_VALUE_MESSAGE) String>
                    headers) {}

    /** Absent (or null) fields stay as they are; an empty description clears it. */
    @Schema(
            name = "UpdateWebhookEndpointRequest",
            description = "The fields to change; absent or null fields stay as they are. The endpoint must still"
                    + " receive something (`eventTypes` or `receiveAllEvents`).")
    public record UpdateEndpointRequest(
            @Schema(description = URL_TEXT, example = URL_EXAMPLE) @Size(min = 1, max = 2048) @WebhookUrl
            String url,

            @Schema(description = "For you: what the endpoint is for; an empty string clears it.") @Size(max = 500) String description,

            @Schema(
                    type = SchemaType.ARRAY,
                    implementation = WebhookSchemas.EventType.class,
                    description = EVENT_TYPES_TEXT + " Replaces the list.")
            @Size(max = 20) List<@NotNull @KnownEventType String> eventTypes,

            @Schema(description = RECEIVE_ALL_TEXT) Boolean receiveAllEvents,

            @Schema(
                    type = SchemaType.OBJECT,
                    description = HEADERS_TEXT + " Replaces all of them; `{}` removes them.",
                    maxProperties = 10,
                    example = HEADERS_EXAMPLE)
            @Size(max = 10, message = "must have at most 10 headers") Map<
                            @NotNull @Pattern(regexp = HEADER_NAME, message = HEADER_NAME_MESSAGE) @Pattern(regexp = NOT_RESERVED, message = NOT_RESERVED_MESSAGE) String,
                            @NotNull @Size(max = 1024) @Pattern(regexp = HEADER_VALUE, message = HEADER_VALUE_MESSAGE) String>
                    headers,

            @Schema(
                    description = "`false` disables the endpoint (its pending deliveries end as FAILED);"
                            + " `true` enables a disabled one.")
            @JsonProperty("isActive")
            Boolean isActive) {}

    /** An endpoint as listed: never its secret. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(
            name = "WebhookEndpoint",
            description = "A webhook endpoint; never its signing secret.",
            requiredProperties = {
                "id",
                "url",
                "eventTypes",
                "receiveAllEvents",
                "headers",
                "isActive",
                "secretRevealed",
                "createdAt",
                "updatedAt"
            })
    public record EndpointView(
            @Schema(example = ENDPOINT_ID_EXAMPLE) String id,
            @Schema(example = URL_EXAMPLE) String url,

            @Schema(description = "Absent when none.", example = DESCRIPTION_EXAMPLE)
            String description,

            @Schema(type = SchemaType.ARRAY, implementation = WebhookSchemas.EventType.class)
            List<String> eventTypes,

            boolean receiveAllEvents,

            @Schema(
                    type = SchemaType.OBJECT,
                    additionalProperties = String.class,
                    description = "Extra headers sent with every delivery.",
                    example = HEADERS_EXAMPLE)
            Map<String, String> headers,

            @Schema(description = "Deliveries go out only while the endpoint is active.") @JsonProperty("isActive")
            boolean isActive,

            @Schema(
                    description = "Whether the signing secret was shown. `false` only for an endpoint SIR"
                            + " Giving set up for you (at production approval) until you reveal its secret"
                            + " once with reveal-secret.")
            boolean secretRevealed,

            @Schema(
                    description = "Why the endpoint was disabled; absent while it is active.",
                    example = "The endpoint answered 410 Gone")
            String disabledReason,

            @Schema(description = "When the endpoint was disabled; absent while it is active.")
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
    @Schema(
            name = "WebhookEndpointWithSecret",
            description = "An endpoint with its signing secret: the answer of create, rotate-secret and reveal-secret,"
                    + " and the only places the secret ever appears. Store it now; it is not shown again.",
            requiredProperties = {
                "id",
                "url",
                "eventTypes",
                "receiveAllEvents",
                "headers",
                "secret",
                "isActive",
                "createdAt",
                "updatedAt"
            })
    public record IssuedEndpointView(
            @Schema(example = ENDPOINT_ID_EXAMPLE) String id,
            @Schema(example = URL_EXAMPLE) String url,

            @Schema(description = "Absent when none.", example = DESCRIPTION_EXAMPLE)
            String description,

            @Schema(type = SchemaType.ARRAY, implementation = WebhookSchemas.EventType.class)
            List<String> eventTypes,

            boolean receiveAllEvents,

            @Schema(
                    type = SchemaType.OBJECT,
                    additionalProperties = String.class,
                    description = "Extra headers sent with every delivery.",
                    example = HEADERS_EXAMPLE)
            Map<String, String> headers,

            @Schema(
                    description = "The signing secret (`whsec_` and 64 hex digits), shown once: deliveries are"
                            + " signed with it (`X-SIR-Signature`: HMAC-SHA256 keyed with this string as"
                            + " issued).",
                    pattern = "^whsec_[0-9a-f]{64}$",
                    example = "whsec_5f0c3e9a1b2d4c6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6")
            String secret,

            @JsonProperty("isActive") boolean isActive,
            Instant createdAt,
            Instant updatedAt,

            @Schema(
                    description = "Rotation only: until when the replaced secret keeps signing beside the new one"
                            + " (24 hours by default); verify with either meanwhile.")
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
    @Schema(
            name = "WebhookDeliveryAttempt",
            description = "One try to deliver an event.",
            requiredProperties = {"attempt", "latencyMs", "at"})
    public record AttemptView(
            @Schema(description = "1 for the first try.", minimum = "1", example = "1")
            int attempt,

            @Schema(
                    description = "The status your endpoint answered; absent when it gave no HTTP answer.",
                    example = "200")
            Integer statusCode,

            @Schema(description = "How long the try took, in milliseconds.", example = "84")
            long latencyMs,

            @Schema(description = "The start of your endpoint's answer body, if any.", example = "ok")
            String responseExcerpt,

            @Schema(description = "Why the try failed, if it did.", example = "HTTP 500")
            String error,

            @Schema(description = "When the try was made.") Instant at) {
        public static AttemptView of(DeliveryAttempt a) {
            return new AttemptView(a.attempt, a.statusCode, a.latencyMs, a.responseExcerpt, a.error, a.attemptedAt);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(
            name = "WebhookDelivery",
            description = "One event on its way to one endpoint, with its tries.",
            requiredProperties = {
                "id",
                "endpointId",
                "eventId",
                "eventType",
                "status",
                "attemptCount",
                "createdAt",
                "updatedAt",
                "attempts"
            })
    public record DeliveryView(
            @Schema(example = "dlv_0a1b2c3d4e5f60718293a4b5")
            String id,

            @Schema(example = ENDPOINT_ID_EXAMPLE) String endpointId,

            @Schema(
                    description = "The event's `id`, as in the delivered body and `X-SIR-Event-Id`; dedupe on it.",
                    example = "evt_0a1b2c3d4e5f60718293a4b5c6d7e8f9")
            String eventId,

            @Schema(
                    description = "A subscribable event type, or `webhook.test` for a test event.",
                    enumeration = {
                        EventTypes.ACTION_COMPLETED,
                        EventTypes.ACTION_FAILED,
                        EventTypes.TRANSACTION_COMPLETED,
                        EventTypes.ACTION_REVERSED,
                        EventTypes.TOKEN_POOL_LOW_BALANCE,
                        EventTypes.TOKEN_POOL_DEPLETED,
                        EventTypes.CAMPAIGN_STARTED,
                        EventTypes.CAMPAIGN_ENDED,
                        EventTypes.API_KEY_EXPIRING,
                        EventTypes.DONATION_COMPLETED,
                        EventTypes.DONATION_FAILED,
                        WebhookEventTypes.TEST
                    },
                    example = EventTypes.ACTION_COMPLETED)
            String eventType,

            @Schema(
                    description = "`PENDING`: waiting for its next try (`nextAttemptAt`); `SENDING`: being"
                            + " tried now; `SUCCEEDED`: your endpoint answered 2xx; `FAILED`: ended because"
                            + " the endpoint was disabled; `EXHAUSTED`: every scheduled try failed. `FAILED`"
                            + " and `EXHAUSTED` deliveries can be redelivered.",
                    enumeration = {"PENDING", "SENDING", "SUCCEEDED", "FAILED", "EXHAUSTED"},
                    example = "SUCCEEDED")
            String status,

            @Schema(description = "Tries made so far.", example = "1")
            int attemptCount,

            @Schema(description = "When the next try is due; only while `PENDING`.")
            Instant nextAttemptAt,

            @Schema(description = "Why the last try failed, if it did.", example = "HTTP 500")
            String lastError,

            @Schema(description = "When your endpoint accepted it; only once `SUCCEEDED`.")
            Instant deliveredAt,

            Instant createdAt,
            Instant updatedAt,

            @Schema(description = "The tries, first to last; empty in the answer of test and redeliver.")
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
