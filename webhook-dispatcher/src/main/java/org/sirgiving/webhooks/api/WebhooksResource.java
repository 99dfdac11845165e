package org.sirgiving.webhooks.api;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.http.Page;
import org.sirgiving.kernel.idempotency.RequestFingerprint;
import org.sirgiving.kernel.openapi.OpenApiNames;
import org.sirgiving.kernel.validation.StorableText;
import org.sirgiving.partnerauth.auth.PartnerContext;
import org.sirgiving.partnerauth.auth.SecretKeyAuth;
import org.sirgiving.partnerauth.auth.SignedAuth;
import org.sirgiving.partnerauth.replay.HonoursIdempotencyKey;
import org.sirgiving.webhooks.api.WebhookDtos.CreateEndpointRequest;
import org.sirgiving.webhooks.api.WebhookDtos.DeliveryView;
import org.sirgiving.webhooks.api.WebhookDtos.EndpointView;
import org.sirgiving.webhooks.api.WebhookDtos.IssuedEndpointView;
import org.sirgiving.webhooks.api.WebhookDtos.UpdateEndpointRequest;
import org.sirgiving.webhooks.service.CreateEndpoint;
import org.sirgiving.webhooks.service.EndpointService;
import org.sirgiving.webhooks.service.IssuedEndpoint;
import org.sirgiving.webhooks.service.UpdateEndpoint;

/** Webhook endpoint management and delivery history (docs/partner-api.md section 6). Writes need the secret key. */
@Path("/v1/partner/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Webhooks",
        description = "Endpoints that receive signed event deliveries, their signing secrets and their delivery"
                + " history (docs/partner-api.md section 6). Reads take either key; writes need the secret key.")
public class WebhooksResource {
    private static final String ID_TEXT = "The endpoint's id (`whk_…`).";
    private static final String CREATE_EXAMPLE = """
            {"url": "https://example.com/webhooks/sir", "description": "Order rewards",
             "eventTypes": ["action.completed", "action.failed"], "headers": {"X-Partner-Token": "t-1"}}""";

    private final EndpointService endpoints;
    private final PartnerContext partner;

    public WebhooksResource(EndpointService endpoints, PartnerContext partner) {
        this.endpoints = endpoints;
        this.partner = partner;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @SecretKeyAuth
    @HonoursIdempotencyKey(HonoursIdempotencyKey.KeyIn.HEADER)
    @Operation(
            operationId = "createWebhookEndpoint",
            summary = "Register a webhook endpoint",
            description = "Registers an endpoint and answers it with its signing secret, shown this once. With an"
                    + " `Idempotency-Key`, repeating the request answers 409 `IDEMPOTENT` with the original endpoint"
                    + " (and its secret) in `result` instead of registering another; the same key with another body"
                    + " answers 422 `IDEMPOTENCY_KEY_REUSED`.",
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.SECRET_KEY))
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CreateEndpointRequest.class),
                            examples = @ExampleObject(name = "someEvents", value = CREATE_EXAMPLE)))
    @APIResponse(
            responseCode = "201",
            description = "Registered. The answer carries the signing secret, shown only this once.",
            content = @Content(schema = @Schema(implementation = IssuedEndpointView.class)))
    @APIResponse(responseCode = "400", ref = OpenApiNames.BAD_REQUEST)
    @APIResponse(
            responseCode = "409",
            description = "`IDEMPOTENT`: an earlier request with this `Idempotency-Key` and the same body registered"
                    + " the endpoint; it is in `result`, with its secret, and `Idempotent-Replayed: true`."
                    + " `REQUEST_REPLAYED`: this exact signed request was already accepted.",
            content = @Content(schema = @Schema(ref = OpenApiNames.SCHEMA_API_ERROR)),
            headers =
                    @Header(
                            name = OpenApiNames.HEADER_IDEMPOTENT_REPLAYED,
                            ref = OpenApiNames.HEADER_IDEMPOTENT_REPLAYED))
    @APIResponse(responseCode = "422", ref = OpenApiNames.UNPROCESSABLE)
    public Uni<Response> create(
            @Valid @NotNull CreateEndpointRequest request,
            @Parameter(
                            name = HonoursIdempotencyKey.HEADER_NAME,
                            in = ParameterIn.HEADER,
                            description = "Optional; 1 to 255 characters. Makes the create safe to retry: the same"
                                    + " key and body register one endpoint.",
                            schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 255),
                            example = "create-orders-hook")
                    @HeaderParam("Idempotency-Key")
                    String idempotencyKey,
            @Parameter(hidden = true) RoutingContext rc) {
        if (idempotencyKey != null
                && (idempotencyKey.isBlank()
                        || idempotencyKey.length() > 255
                        || !StorableText.Rule.identifier(idempotencyKey))) {
            throw ApiException.validation("Idempotency-Key", "must be 1 to 255 characters, without control characters");
        }
        CreateEndpoint command = new CreateEndpoint(
                request.url(),
                request.description(),
                request.eventTypes(),
                Boolean.TRUE.equals(request.receiveAllEvents()),
                request.headers(),
                idempotencyKey,
                RequestFingerprint.of(rc.body().buffer().getBytes()));
        return endpoints
                .create(partner.partner(), command)
                .map(result -> result.answer("webhook endpoint", WebhooksResource::issued));
    }

    /** In the envelope of every list (docs/partner-api.md section 5): {@code data}, {@code page}, {@code limit}, {@code total}. */
    @GET
    @SignedAuth
    @Operation(
            operationId = "listWebhookEndpoints",
            summary = "List webhook endpoints",
            description = "The endpoints of this partner and environment, oldest first; never their secrets.",
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.SIGNED))
    @APIResponse(
            responseCode = "200",
            description = "A page of endpoints.",
            content = @Content(schema = @Schema(implementation = WebhookSchemas.EndpointPage.class)))
    public Uni<Page<EndpointView>> list(
            @Parameter(ref = OpenApiNames.PAGE) @QueryParam("page") String page,
            @Parameter(ref = OpenApiNames.LIMIT) @QueryParam("limit") String limit) {
        return endpoints
                .list(partner.partner(), Page.Request.of(page, limit))
                .map(p -> new Page<>(p.data().stream().map(EndpointView::of).toList(), p.page(), p.limit(), p.total()));
    }

    @GET
    @Path("/{id}")
    @SignedAuth
    @Operation(
            operationId = "getWebhookEndpoint",
            summary = "Get a webhook endpoint",
            description = "Never its secret.",
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.SIGNED))
    @APIResponse(responseCode = "200", description = "The endpoint.")
    @APIResponse(responseCode = "404", ref = OpenApiNames.NOT_FOUND)
    public Uni<EndpointView> get(
            @Parameter(description = ID_TEXT, example = WebhookDtos.ENDPOINT_ID_EXAMPLE) @PathParam("id") String id) {
        return endpoints.get(partner.partner(), id).map(EndpointView::of);
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @SecretKeyAuth
    @Operation(
            operationId = "updateWebhookEndpoint",
            summary = "Change a webhook endpoint",
            description = "Changes the fields sent; disables (`isActive: false`) or enables the endpoint. Disabling"
                    + " ends its pending deliveries as `FAILED`; they can be redelivered once it is enabled again.",
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.SECRET_KEY))
    @APIResponse(responseCode = "200", description = "The endpoint as changed.")
    @APIResponse(responseCode = "404", ref = OpenApiNames.NOT_FOUND)
    public Uni<EndpointView> update(
            @Parameter(description = ID_TEXT, example = WebhookDtos.ENDPOINT_ID_EXAMPLE) @PathParam("id") String id,
            @Valid @NotNull UpdateEndpointRequest request) {
        UpdateEndpoint command = new UpdateEndpoint(
                request.url(),
                request.description(),
                request.eventTypes(),
                request.receiveAllEvents(),
                request.headers(),
                request.isActive());
        return endpoints.update(partner.partner(), id, command).map(EndpointView::of);
    }

    @DELETE
    @Path("/{id}")
    @SecretKeyAuth
    @Operation(
            operationId = "deleteWebhookEndpoint",
            summary = "Delete a webhook endpoint",
            description = "Deletes the endpoint with its delivery history; nothing more is sent to it.",
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.SECRET_KEY))
    @APIResponse(responseCode = "204", description = "Deleted.")
    @APIResponse(responseCode = "404", ref = OpenApiNames.NOT_FOUND)
    public Uni<Response> delete(
            @Parameter(description = ID_TEXT, example = WebhookDtos.ENDPOINT_ID_EXAMPLE) @PathParam("id") String id) {
        return endpoints
                .delete(partner.partner(), id)
                .map(v -> Response.noContent().build());
    }

    @POST
    @Path("/{id}/rotate-secret")
    @SecretKeyAuth
    @Operation(
            operationId = "rotateWebhookSecret",
            summary = "Rotate an endpoint's signing secret",
            description = "Issues a new signing secret, shown only in this answer; deliveries from now on are"
                    + " signed with it. The replaced secret keeps signing beside it until `previousSecretExpiresAt`"
                    + " (24 hours by default), so both signature headers list two signatures meanwhile.",
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.SECRET_KEY))
    @APIResponse(
            responseCode = "200",
            description = "The endpoint with its new secret, shown only this once.",
            content = @Content(schema = @Schema(implementation = IssuedEndpointView.class)))
    @APIResponse(responseCode = "404", ref = OpenApiNames.NOT_FOUND)
    public Uni<IssuedEndpointView> rotateSecret(
            @Parameter(description = ID_TEXT, example = WebhookDtos.ENDPOINT_ID_EXAMPLE) @PathParam("id") String id) {
        return endpoints.rotateSecret(partner.partner(), id).map(WebhooksResource::issued);
    }

    /** The secret of an endpoint SIR Giving set up (from a production approval), once; then 409. */
    @POST
    @Path("/{id}/reveal-secret")
    @SecretKeyAuth
    @Operation(
            operationId = "revealWebhookSecret",
            summary = "Show the secret of an endpoint SIR Giving set up",
            description = "An endpoint SIR Giving registered for you (from the webhook URL of your production"
                    + " request) has a secret you have not seen (`secretRevealed: false`): this shows it, once."
                    + " Every later call, and any call for a secret already shown at creation or rotation, answers"
                    + " 409 `CONFLICT`; rotate-secret issues a new one.",
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.SECRET_KEY))
    @APIResponse(
            responseCode = "200",
            description = "The endpoint with its secret, shown only this once.",
            content = @Content(schema = @Schema(implementation = IssuedEndpointView.class)))
    @APIResponse(responseCode = "404", ref = OpenApiNames.NOT_FOUND)
    @APIResponse(
            responseCode = "409",
            description = "`CONFLICT`: the secret was already shown. `REQUEST_REPLAYED`: this exact signed request"
                    + " was already accepted.",
            content = @Content(schema = @Schema(ref = OpenApiNames.SCHEMA_API_ERROR)))
    public Uni<IssuedEndpointView> revealSecret(
            @Parameter(description = ID_TEXT, example = WebhookDtos.ENDPOINT_ID_EXAMPLE) @PathParam("id") String id) {
        return endpoints.revealSecret(partner.partner(), id).map(WebhooksResource::issued);
    }

    @POST
    @Path("/{id}/test")
    @SecretKeyAuth
    @Operation(
            operationId = "sendWebhookTestEvent",
            summary = "Send a test event to an endpoint",
            description = "Queues a `webhook.test` event to this endpoint only, whatever it subscribes to; it is"
                    + " delivered and signed like any other event.",
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.SECRET_KEY))
    @APIResponse(
            responseCode = "202",
            description = "Queued; the delivery, not yet tried.",
            content = @Content(schema = @Schema(implementation = DeliveryView.class)))
    @APIResponse(responseCode = "404", ref = OpenApiNames.NOT_FOUND)
    @APIResponse(
            responseCode = "409",
            description = "`CONFLICT`: the endpoint is disabled; enable it first. `REQUEST_REPLAYED`: this exact"
                    + " signed request was already accepted.",
            content = @Content(schema = @Schema(ref = OpenApiNames.SCHEMA_API_ERROR)))
    public Uni<Response> sendTest(
            @Parameter(description = ID_TEXT, example = WebhookDtos.ENDPOINT_ID_EXAMPLE) @PathParam("id") String id) {
        return endpoints
                .sendTest(partner.partner(), id)
                .map(d -> Response.accepted(DeliveryView.of(d, List.of())).build());
    }

    @GET
    @Path("/{id}/deliveries")
    @SignedAuth
    @Operation(
            operationId = "listWebhookDeliveries",
            summary = "List an endpoint's deliveries",
            description = "The endpoint's deliveries, newest first, each with its tries in order. Exhausted"
                    + " deliveries stay listed until retention removes them.",
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.SIGNED))
    @APIResponse(
            responseCode = "200",
            description = "A page of deliveries.",
            content = @Content(schema = @Schema(implementation = WebhookSchemas.DeliveryPage.class)))
    @APIResponse(responseCode = "404", ref = OpenApiNames.NOT_FOUND)
    public Uni<Page<DeliveryView>> deliveries(
            @Parameter(description = ID_TEXT, example = WebhookDtos.ENDPOINT_ID_EXAMPLE) @PathParam("id") String id,
            @Parameter(ref = OpenApiNames.PAGE) @QueryParam("page") String page,
            @Parameter(ref = OpenApiNames.LIMIT) @QueryParam("limit") String limit) {
        Page.Request paging = Page.Request.of(page, limit);
        return endpoints
                .deliveries(partner.partner(), id, paging.page(), paging.limit())
                .map(result -> paging.of(
                        result.deliveries().stream()
                                .map(d -> DeliveryView.of(d, result.attemptsOf(d)))
                                .toList(),
                        result.total()));
    }

    @POST
    @Path("/deliveries/{deliveryId}/redeliver")
    @SecretKeyAuth
    @Operation(
            operationId = "redeliverWebhookDelivery",
            summary = "Redeliver a failed or exhausted delivery",
            description = "Queues a `FAILED` or `EXHAUSTED` delivery again, due now, with a new series of tries;"
                    + " the same event (same `id`, same body) is sent.",
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.SECRET_KEY))
    @APIResponse(
            responseCode = "202",
            description = "Queued again; the delivery as it is now (`PENDING`).",
            content = @Content(schema = @Schema(implementation = DeliveryView.class)))
    @APIResponse(responseCode = "404", ref = OpenApiNames.NOT_FOUND)
    @APIResponse(
            responseCode = "409",
            description = "`CONFLICT`: the delivery is not `FAILED` or `EXHAUSTED`, or its endpoint is disabled."
                    + " `REQUEST_REPLAYED`: this exact signed request was already accepted.",
            content = @Content(schema = @Schema(ref = OpenApiNames.SCHEMA_API_ERROR)))
    public Uni<Response> redeliver(
            @Parameter(description = "The delivery's id (`dlv_…`).", example = "dlv_0a1b2c3d4e5f60718293a4b5")
                    @PathParam("deliveryId")
                    String deliveryId) {
        return endpoints
                .redeliver(partner.partner(), deliveryId)
                .map(d -> Response.accepted(DeliveryView.of(d, List.of())).build());
    }

    private static IssuedEndpointView issued(IssuedEndpoint issued) {
        return IssuedEndpointView.of(issued.endpoint(), issued.secret(), issued.previousSecretExpiresAt());
    }
}
