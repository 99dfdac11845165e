package org.sirgiving.rewards.api;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
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
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.http.Page;
import org.sirgiving.kernel.http.RequestIds;
import org.sirgiving.kernel.idempotency.RequestFingerprint;
import org.sirgiving.partnerauth.auth.AuthenticatedPartner;
import org.sirgiving.partnerauth.auth.PartnerContext;
import org.sirgiving.partnerauth.auth.SecretKeyAuth;
import org.sirgiving.partnerauth.auth.SignedAuth;
import org.sirgiving.rewards.domain.Campaign;
import org.sirgiving.rewards.service.CampaignService;

/** Campaigns (contract section 5): writes with the secret key, reads signed with either key. */
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
    @WithSession
    public Uni<Page<CampaignDtos.CampaignView>> list(
            @QueryParam("status")
                    @Pattern(regexp = "DRAFT|ACTIVE|PAUSED|ENDED", message = "must be DRAFT, ACTIVE, PAUSED or ENDED") String status,
            @QueryParam("page") @DefaultValue("1") @Min(1) int page,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        AuthenticatedPartner p = partner.partner();
        var query = status == null
                ? Campaign.<Campaign>find(
                        "partnerId = ?1 and environment = ?2 order by createdAt desc, id",
                        p.partnerId(),
                        p.environment().wireName())
                : Campaign.<Campaign>find(
                        "partnerId = ?1 and environment = ?2 and status = ?3 order by createdAt desc, id",
                        p.partnerId(),
                        p.environment().wireName(),
                        Campaign.Status.valueOf(status));
        return query.page(page - 1, limit)
                .list()
                .chain(list -> query.count()
                        .map(total -> new Page<>(
                                list.stream().map(CampaignDtos.CampaignView::of).toList(), page, limit, total)));
    }

    /**
     * 201 with the campaign. With an {@code Idempotency-Key} header, the same key and body again answer 409 IDEMPOTENT
     * with the original campaign in {@code result} (as actions do); the same key with another body, 422.
     */
    @POST
    @SecretKeyAuth
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(
            @Valid @NotNull CampaignDtos.CreateCampaign body,
            @HeaderParam("Idempotency-Key") @Size(min = 1, max = 255) String idempotencyKey,
            RoutingContext rc) {
        String hash = RequestFingerprint.of(rc.body().buffer().getBytes());
        return campaigns
                .create(partner.partner(), body, idempotencyKey, hash, RequestIds.of(rc))
                .map(created -> {
                    CampaignDtos.CampaignView view = CampaignDtos.CampaignView.of(created.campaign());
                    if (created.replayed()) {
                        throw ApiException.replayed("campaign", view);
                    }
                    return Response.status(Response.Status.CREATED).entity(view).build();
                });
    }

    @GET
    @Path("/{id}")
    @SignedAuth
    @WithSession
    public Uni<CampaignDtos.CampaignView> get(@PathParam("id") String id) {
        return campaigns.owned(partner.partner(), id, false).map(CampaignDtos.CampaignView::of);
    }

    @PATCH
    @Path("/{id}")
    @SecretKeyAuth
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<CampaignDtos.CampaignView> update(
            @PathParam("id") String id, @Valid @NotNull CampaignDtos.UpdateCampaign body, RoutingContext rc) {
        return campaigns.update(partner.partner(), id, body, RequestIds.of(rc)).map(CampaignDtos.CampaignView::of);
    }

    @DELETE
    @Path("/{id}")
    @SecretKeyAuth
    public Uni<Response> delete(@PathParam("id") String id) {
        return campaigns
                .delete(partner.partner(), id)
                .map(x -> Response.noContent().build());
    }
}
