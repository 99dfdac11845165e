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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sirgiving.kernel.http.Page;
import org.sirgiving.kernel.http.RequestIds;
import org.sirgiving.kernel.idempotency.RequestFingerprint;
import org.sirgiving.kernel.openapi.OpenApiNames;
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
@Tag(
        name = "Campaigns",
        description = "Rules that multiply, split and tier the tokens matching actions earn, within a schedule and a"
                + " budget.")
public class CampaignsResource {
    private final PartnerContext partner;
    private final CampaignService campaigns;

    public CampaignsResource(PartnerContext partner, CampaignService campaigns) {
        this.partner = partner;
        this.campaigns = campaigns;
    }

    @GET
    @SignedAuth
    @Operation(
            operationId = "listCampaigns",
            summary = "List campaigns",
            description = "The partner's campaigns in the key's environment, newest first; `status` filters.",
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.SIGNED))
    @APIResponse(
            responseCode = "200",
            description = "The campaigns.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ListSchemas.CampaignPage.class)))
    public Uni<Page<CampaignDtos.CampaignView>> list(
            @Parameter(description = "Only campaigns in this status.", schema = @Schema(ref = "CampaignStatus"))
                    @QueryParam("status")
                    @OneOf(Campaign.Status.class)
                    String status,
            @Parameter(ref = OpenApiNames.PAGE) @QueryParam("page") String page,
            @Parameter(ref = OpenApiNames.LIMIT) @QueryParam("limit") String limit) {
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
    @Operation(
            operationId = "createCampaign",
            summary = "Create a campaign",
            description =
                    "A campaign in the key's environment, DRAFT unless `status` is ACTIVE. Defaults: multiplier 1,"
                            + " no splits (the default equal split), no tiers, no schedule, no budget, priority 0. Send an"
                            + " `Idempotency-Key` to retry safely: the same key and body again answer 409 `IDEMPOTENT` with the"
                            + " original campaign in `result`; the same key with another body, 422 `IDEMPOTENCY_KEY_REUSED`.",
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.SECRET_KEY))
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CampaignDtos.CreateCampaign.class),
                            examples =
                                    @ExampleObject(
                                            name = "december",
                                            value =
                                                    "{\"name\": \"Double tokens for December donations\", \"status\": \"ACTIVE\","
                                                            + " \"actionTypes\": [\"DONATION\"], \"multiplier\": 2, \"splits\":"
                                                            + " [{\"stakeholderTypeCode\": \"DONOR\", \"percent\": 80},"
                                                            + " {\"stakeholderTypeCode\": \"NONPROFIT\", \"percent\": 20}], \"tiers\":"
                                                            + " [{\"minAmount\": 100, \"multiplier\": 3}], \"startsAt\":"
                                                            + " \"2026-12-01T00:00:00Z\", \"endsAt\": \"2027-01-01T00:00:00Z\", \"budget\":"
                                                            + " 500000, \"priority\": 10}")))
    @APIResponse(
            responseCode = "201",
            description = "The new campaign.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CampaignDtos.CampaignView.class)))
    @APIResponse(
            responseCode = "409",
            description = "`IDEMPOTENT`: this `Idempotency-Key` was used with the same request; the original campaign"
                    + " is in `result` (and `Idempotent-Replayed: true`). `REQUEST_REPLAYED`: the exact signed request"
                    + " was already accepted (sign each request with a fresh timestamp).",
            headers =
                    @Header(
                            name = OpenApiNames.HEADER_IDEMPOTENT_REPLAYED,
                            ref = OpenApiNames.HEADER_IDEMPOTENT_REPLAYED),
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(ref = OpenApiNames.SCHEMA_API_ERROR)))
    @APIResponse(responseCode = "422", ref = OpenApiNames.UNPROCESSABLE)
    public Uni<Response> create(
            @Valid @NotNull CampaignDtos.CreateCampaign body,
            @Parameter(
                            description = "Optional: makes retries of this create safe (any string up to 255"
                                    + " characters, unique per request).",
                            example = "campaign-2026-12")
                    @HeaderParam("Idempotency-Key")
                    @Size(min = 1, max = 255) @Identifier String idempotencyKey,
            @Parameter(hidden = true) RoutingContext rc) {
        String fingerprint = RequestFingerprint.of(rc.body().buffer().getBytes());
        return campaigns
                .create(Callers.scope(partner), body.command(), idempotencyKey, fingerprint, RequestIds.of(rc))
                .map(result -> result.answer("campaign", CampaignDtos.CampaignView::of));
    }

    @GET
    @Path("/{id}")
    @SignedAuth
    @Operation(
            operationId = "getCampaign",
            summary = "Get a campaign",
            description = "One of the partner's campaigns by id, with the tokens it has spent.",
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.SIGNED))
    @APIResponse(
            responseCode = "200",
            description = "The campaign.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CampaignDtos.CampaignView.class)))
    @APIResponse(responseCode = "404", ref = OpenApiNames.NOT_FOUND)
    public Uni<CampaignDtos.CampaignView> get(
            @Parameter(description = "The campaign's id.", example = "camp_7c9e6679f7f04ee9b1a2c3d4") @PathParam("id")
                    String id) {
        return campaigns.get(Callers.scope(partner), id).map(CampaignDtos.CampaignView::of);
    }

    @PATCH
    @Path("/{id}")
    @SecretKeyAuth
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "updateCampaign",
            summary = "Update a campaign",
            description = "Changes the fields given (lists are replaced whole). `status` moves DRAFT → ACTIVE ⇄ PAUSED,"
                    + " any → ENDED; an ENDED campaign cannot change (409 `CONFLICT`).",
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.SECRET_KEY))
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CampaignDtos.UpdateCampaign.class),
                            examples = @ExampleObject(name = "pause", value = "{\"status\": \"PAUSED\"}")))
    @APIResponse(
            responseCode = "200",
            description = "The campaign as changed.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CampaignDtos.CampaignView.class)))
    @APIResponse(responseCode = "404", ref = OpenApiNames.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = OpenApiNames.CONFLICT)
    public Uni<CampaignDtos.CampaignView> update(
            @Parameter(description = "The campaign's id.", example = "camp_7c9e6679f7f04ee9b1a2c3d4") @PathParam("id")
                    String id,
            @Valid @NotNull CampaignDtos.UpdateCampaign body,
            @Parameter(hidden = true) RoutingContext rc) {
        return campaigns
                .update(Callers.scope(partner), id, body.command(), RequestIds.of(rc))
                .map(CampaignDtos.CampaignView::of);
    }

    @DELETE
    @Path("/{id}")
    @SecretKeyAuth
    @Operation(
            operationId = "deleteCampaign",
            summary = "Delete a draft campaign",
            description = "Only a DRAFT campaign can be deleted; one that ran answers 409 `CONFLICT` (set its status to"
                    + " ENDED instead).",
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.SECRET_KEY))
    @APIResponse(responseCode = "204", description = "Deleted.")
    @APIResponse(responseCode = "404", ref = OpenApiNames.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = OpenApiNames.CONFLICT)
    public Uni<Response> delete(
            @Parameter(description = "The campaign's id.", example = "camp_7c9e6679f7f04ee9b1a2c3d4") @PathParam("id")
                    String id) {
        return campaigns
                .delete(Callers.scope(partner), id)
                .map(x -> Response.noContent().build());
    }
}
