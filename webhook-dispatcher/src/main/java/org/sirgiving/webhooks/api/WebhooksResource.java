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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.http.Page;
import org.sirgiving.kernel.idempotency.RequestFingerprint;
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
@Tag(name = "Webhooks")
public class WebhooksResource {
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
    public Uni<Response> create(
            @Valid @NotNull CreateEndpointRequest request,
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            RoutingContext rc) {
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
    public Uni<Page<EndpointView>> list(@QueryParam("page") String page, @QueryParam("limit") String limit) {
        return endpoints
                .list(partner.partner(), Page.Request.of(page, limit))
                .map(p -> new Page<>(p.data().stream().map(EndpointView::of).toList(), p.page(), p.limit(), p.total()));
    }

    @GET
    @Path("/{id}")
    @SignedAuth
    public Uni<EndpointView> get(@PathParam("id") String id) {
        return endpoints.get(partner.partner(), id).map(EndpointView::of);
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @SecretKeyAuth
    public Uni<EndpointView> update(@PathParam("id") String id, @Valid @NotNull UpdateEndpointRequest request) {
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
    public Uni<Response> delete(@PathParam("id") String id) {
        return endpoints
                .delete(partner.partner(), id)
                .map(v -> Response.noContent().build());
    }

    @POST
    @Path("/{id}/rotate-secret")
    @SecretKeyAuth
    public Uni<IssuedEndpointView> rotateSecret(@PathParam("id") String id) {
        return endpoints.rotateSecret(partner.partner(), id).map(WebhooksResource::issued);
    }

    /** The secret of an endpoint SIR Giving set up (from a production approval), once; then 409. */
    @POST
    @Path("/{id}/reveal-secret")
    @SecretKeyAuth
    public Uni<IssuedEndpointView> revealSecret(@PathParam("id") String id) {
        return endpoints.revealSecret(partner.partner(), id).map(WebhooksResource::issued);
    }

    @POST
    @Path("/{id}/test")
    @SecretKeyAuth
    public Uni<Response> sendTest(@PathParam("id") String id) {
        return endpoints
                .sendTest(partner.partner(), id)
                .map(d -> Response.accepted(DeliveryView.of(d, List.of())).build());
    }

    @GET
    @Path("/{id}/deliveries")
    @SignedAuth
    public Uni<Page<DeliveryView>> deliveries(
            @PathParam("id") String id, @QueryParam("page") String page, @QueryParam("limit") String limit) {
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
    public Uni<Response> redeliver(@PathParam("deliveryId") String deliveryId) {
        return endpoints
                .redeliver(partner.partner(), deliveryId)
                .map(d -> Response.accepted(DeliveryView.of(d, List.of())).build());
    }

    private static IssuedEndpointView issued(IssuedEndpoint issued) {
        return IssuedEndpointView.of(issued.endpoint(), issued.secret(), issued.previousSecretExpiresAt());
    }
}
