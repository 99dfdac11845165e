package org.sirgiving.webhooks.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.sirgiving.events.EventTypes;
import org.sirgiving.webhooks.api.WebhookDtos.DeliveryView;
import org.sirgiving.webhooks.api.WebhookDtos.EndpointView;

/**
 * Named schemas of the OpenAPI document that no Java type of the answers carries under a clear name: the event types
 * (the DTOs keep them as strings validated by {@link KnownEventType}, and a list element takes no {@code @Schema}),
 * and the two list pages. Only the document reads these types; WebhookDocumentTest holds the event types to
 * {@code WebhookEventTypes.SUBSCRIBABLE}.
 */
final class WebhookSchemas {
    @Schema(
            name = "WebhookEventType",
            type = SchemaType.STRING,
            description = "An event type an endpoint can subscribe to.",
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
                EventTypes.DONATION_FAILED
            },
            example = EventTypes.ACTION_COMPLETED)
    static final class EventType {
        private EventType() {}
    }

    /**
     * The page of endpoints as {@code GET /v1/partner/webhooks} answers it: kernel {@code Page<EndpointView>}, whose
     * generated name ({@code PageEndpointView}) would tell a partner nothing. Held to the real answers by the contract
     * tests (objects are read closed there).
     */
    @Schema(
            name = "WebhookEndpointPage",
            description = "A page of endpoints, in the envelope of every list.",
            requiredProperties = {"data", "page", "limit", "total"})
    record EndpointPage(
            List<EndpointView> data,

            @Schema(description = "This page, from 1.", example = "1")
            int page,

            @Schema(description = "Items per page.", example = "20")
            int limit,

            @Schema(description = "Items in all pages.", example = "1")
            long total) {}

    /** The page of deliveries ({@code Page<DeliveryView>}), named for partners as {@link EndpointPage} is. */
    @Schema(
            name = "WebhookDeliveryPage",
            description = "A page of deliveries, in the envelope of every list.",
            requiredProperties = {"data", "page", "limit", "total"})
    record DeliveryPage(
            List<DeliveryView> data,

            @Schema(description = "This page, from 1.", example = "1")
            int page,

            @Schema(description = "Items per page.", example = "20")
            int limit,

            @Schema(description = "Items in all pages.", example = "1")
            long total) {}

    private WebhookSchemas() {}
}
