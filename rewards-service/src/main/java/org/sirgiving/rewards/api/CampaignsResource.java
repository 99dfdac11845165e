package org.sirgiving.rewards.api;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sirgiving.kernel.http.Page;
import org.sirgiving.kernel.http.RequestIds;
import org.sirgiving.kernel.idempotency.RequestFingerprint;
import org.sirgiving.kernel.validation.Identifier;
import org.sirgiving.kernel.validation.OneOf;
import org.sirgiving.partnerauth.auth.PartnerContext;
import org.sirgiving.partnerauth.auth.SecretKeyAuth;
import org.sirgiving.partnerauth.auth.SignedAuth;
import org.sirgiving.partnerauth.replay.HonoursIdempotencyKey;
import org.sirgiving.rewards.domain.Campaign;
import org.sirgiving.rewards.service.CampaignService;

/** Campaigns (docs/partner-api.md section 5): writes with the secret key, reads signed with either key. */
@Path("/v1/partner/campaigns")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Campaigns")
public class CampaignsResource {
    private final PartnerContext partner;
    private final CampaignService campaigns;

    public CampaignsResource(PartnerContext partner, CampaignService campaigns) {
        this.partner = partner;
        this.campaigns = campaigns;
    }

    @GET
    @SignedAuth
    public Uni<Page<CampaignDtos.CampaignView>> list(
            @QueryParam("status") @OneOf(Campaign.Status.class) String status,
            @QueryParam("page") String page,
            @QueryParam("limit") String limit) {
        Page.Request paging = Page.Request.of(page, limit);
        Campaign.Status wanted = status == null ? null : Campaign.Status.valueOf(status);
        return campaigns
                .list(Callers.scope(partner), wanted, paging.page(), paging.limit())
                .map(p -> Pages.of(p, CampaignDtos.CampaignView::of));
    }

    /**
     * 201 with the campaign. With an {@code Idempotency-Key} header, the same key and body again answer 409 IDEMPOTENT
     * with the original campaign in {@code result} (as actions do); the same key with another body, 422.
     */
    @POST
    @SecretKeyAuth
    @HonoursIdempotencyKey(HonoursIdempotencyKey.KeyIn.HEADER)
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(
            @Valid @NotNull CampaignDtos.CreateCampaign body,
            @HeaderParam("Idempotency-Key") @Size(min = 1, max = 255) @Identifier String idempotencyKey,
            RoutingContext rc) {
        String fingerprint = RequestFingerprint.of(rc.body().buffer().getBytes());
        return campaigns
                .create(Callers.scope(partner), body.command(), idempotencyKey, fingerprint, RequestIds.of(rc))
                .map(result -> result.answer("campaign", CampaignDtos.CampaignView::of));
    }

    @GET
    @Path("/{id}")
    @SignedAuth
    public Uni<CampaignDtos.CampaignView> get(@PathParam("id") String id) {
        return campaigns.get(Callers.scope(partner), id).map(CampaignDtos.CampaignView::of);
    }

    @PATCH
    @Path("/{id}")
    @SecretKeyAuth
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<CampaignDtos.CampaignView> update(
            @PathParam("id") String id, @Valid @NotNull CampaignDtos.UpdateCampaign body, RoutingContext rc) {
        return campaigns
                .update(Callers.scope(partner), id, body.command(), RequestIds.of(rc))
                .map(CampaignDtos.CampaignView::of);
    }

    @DELETE
    @Path("/{id}")
    @SecretKeyAuth
    public Uni<Response> delete(@PathParam("id") String id) {
        return campaigns
                .delete(Callers.scope(partner), id)
                .map(x -> Response.noContent().build());
    }
}
