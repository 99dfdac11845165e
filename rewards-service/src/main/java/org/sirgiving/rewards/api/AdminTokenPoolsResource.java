package org.sirgiving.rewards.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sirgiving.kernel.http.Page;
import org.sirgiving.kernel.openapi.OpenApiNames;
import org.sirgiving.kernel.validation.OneOf;
import org.sirgiving.rewards.domain.AllocationRequest;
import org.sirgiving.rewards.service.PoolAdministration;
import org.sirgiving.rewards.service.PoolQueries;

/**
 * SIR Giving operators (user JWT with the {@code operator} group): allocation requests, production pools, funding and
 * restrictions. Everything lives under {@code /v1/admin/token-pools}, the one admin prefix the gateway routes here.
 */
@Path("/v1/admin/token-pools")
@RolesAllowed("operator")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Operators",
        description = "SIR Giving staff only (operator JWT): pools, allocation requests, dead letters.")
public class AdminTokenPoolsResource {
    private final PoolQueries pools;
    private final PoolAdministration admin;
    private final JsonWebToken jwt;

    public AdminTokenPoolsResource(PoolQueries pools, PoolAdministration admin, JsonWebToken jwt) {
        this.pools = pools;
        this.admin = admin;
        this.jwt = jwt;
    }

    @GET
    @Operation(
            operationId = "adminListTokenPools",
            summary = "List every partner's pools",
            description = "All pools, newest first; `partnerId` filters.",
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.OPERATOR_JWT))
    @APIResponse(
            responseCode = "200",
            description = "The pools.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ListSchemas.TokenPoolPage.class)))
    public Uni<Page<PoolView>> pools(
            @Parameter(description = "Only this partner's pools.", example = "ptn_acme") @QueryParam("partnerId")
                    String partnerId,
            @Parameter(ref = OpenApiNames.PAGE) @QueryParam("page") String page,
            @Parameter(ref = OpenApiNames.LIMIT) @QueryParam("limit") String limit) {
        Page.Request paging = Page.Request.of(page, limit);
        return pools.allPools(partnerId, paging.page(), paging.limit()).map(p -> Pages.of(p, PoolView::of));
    }

    /** Creates and funds a pool; a production pool only for a partner whose production request was approved (403). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "adminCreateTokenPool",
            summary = "Create a partner's pool",
            description =
                    "Creates and funds a partner's pool for an environment (production by default). A production pool needs the"
                            + " partner's approved production request (403 `PARTNER_NOT_APPROVED`); a second pool for the same"
                            + " environment answers 409 `CONFLICT`.",
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.OPERATOR_JWT))
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PoolDtos.CreatePool.class),
                            examples =
                                    @ExampleObject(
                                            name = "production",
                                            value =
                                                    "{\"partnerId\": \"ptn_acme\", \"environment\": \"production\", \"initialAllocation\": 1000000}")))
    @APIResponse(
            responseCode = "201",
            description = "The new pool.",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PoolView.class)))
    @APIResponse(responseCode = "409", ref = OpenApiNames.CONFLICT)
    public Uni<Response> create(@Valid @NotNull PoolDtos.CreatePool body) {
        return admin.createPool(body.command(), jwt.getSubject())
                .map(p -> Response.status(Response.Status.CREATED)
                        .entity(PoolView.of(p))
                        .build());
    }

    @GET
    @Path("/requests")
    @Operation(
            operationId = "adminListTokenAllocationRequests",
            summary = "List allocation requests",
            description = "Every partner's requests for more tokens in one status (PENDING by default), oldest first.",
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.OPERATOR_JWT))
    @APIResponse(
            responseCode = "200",
            description = "The allocation requests.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ListSchemas.AllocationRequestPage.class)))
    public Uni<Page<PoolDtos.AllocationRequestView>> requests(
            @Parameter(
                            description = "Only requests in this status.",
                            schema = @Schema(ref = "AllocationRequestStatus", defaultValue = "PENDING"))
                    @QueryParam("status")
                    @DefaultValue("PENDING")
                    @OneOf(AllocationRequest.Status.class)
                    String status,
            @Parameter(ref = OpenApiNames.PAGE) @QueryParam("page") String page,
            @Parameter(ref = OpenApiNames.LIMIT) @QueryParam("limit") String limit) {
        Page.Request paging = Page.Request.of(page, limit);
        return pools.requests(AllocationRequest.Status.valueOf(status), paging.page(), paging.limit())
                .map(p -> Pages.of(p, PoolDtos.AllocationRequestView::of));
    }

    @POST
    @Path("/requests/{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "adminApproveTokenAllocationRequest",
            summary = "Approve an allocation request",
            description =
                    "Adds the requested amount to the partner's pool for that environment (an ALLOCATION ledger entry). A request that is not PENDING, or a partner without a pool there, answers 409 `CONFLICT`.",
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.OPERATOR_JWT))
    @RequestBody(
            required = false,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PoolDtos.Decision.class),
                            examples =
                                    @ExampleObject(
                                            name = "note",
                                            value = "{\"note\": \"Approved for the holiday campaign\"}")))
    @APIResponse(
            responseCode = "200",
            description = "The request, APPROVED.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PoolDtos.AllocationRequestView.class)))
    @APIResponse(responseCode = "404", ref = OpenApiNames.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = OpenApiNames.CONFLICT)
    public Uni<PoolDtos.AllocationRequestView> approve(
            @Parameter(description = "The allocation request's id.", example = "areq_0a1b2c3d4e5f60718293a4b5")
                    @PathParam("id")
                    String id,
            @Valid PoolDtos.Decision body) {
        return admin.approve(id, jwt.getSubject(), note(body)).map(PoolDtos.AllocationRequestView::of);
    }

    @POST
    @Path("/requests/{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "adminRejectTokenAllocationRequest",
            summary = "Reject an allocation request",
            description = "A request that is not PENDING answers 409 `CONFLICT`.",
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.OPERATOR_JWT))
    @RequestBody(
            required = false,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PoolDtos.Decision.class),
                            examples =
                                    @ExampleObject(
                                            name = "note",
                                            value = "{\"note\": \"Please request production access first\"}")))
    @APIResponse(
            responseCode = "200",
            description = "The request, REJECTED.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PoolDtos.AllocationRequestView.class)))
    @APIResponse(responseCode = "404", ref = OpenApiNames.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = OpenApiNames.CONFLICT)
    public Uni<PoolDtos.AllocationRequestView> reject(
            @Parameter(description = "The allocation request's id.", example = "areq_0a1b2c3d4e5f60718293a4b5")
                    @PathParam("id")
                    String id,
            @Valid PoolDtos.Decision body) {
        return admin.reject(id, jwt.getSubject(), note(body)).map(PoolDtos.AllocationRequestView::of);
    }

    @GET
    @Path("/{id}")
    @Operation(
            operationId = "adminGetTokenPool",
            summary = "Get any pool",
            description = "Any partner's pool by id.",
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.OPERATOR_JWT))
    @APIResponse(
            responseCode = "200",
            description = "The pool.",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PoolView.class)))
    @APIResponse(responseCode = "404", ref = OpenApiNames.NOT_FOUND)
    public Uni<PoolView> get(
            @Parameter(description = "The pool's id.", example = "pool_5d41402abc4b2a76b9719d91") @PathParam("id")
                    String id) {
        return pools.anyPool(id).map(PoolView::of);
    }

    /** Restrictions: lowBalanceThreshold, autoRefill, vestingDays, tokenExpiryDays, status. */
    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "adminUpdateTokenPool",
            summary = "Set a pool's restrictions",
            description =
                    "Low-balance threshold, auto-refill, vesting, token expiry and status; absent fields stay as they"
                            + " are. A pool left under a newly enabled auto-refill threshold is refilled at once.",
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.OPERATOR_JWT))
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PoolDtos.Restrictions.class),
                            examples =
                                    @ExampleObject(
                                            name = "restrictions",
                                            value =
                                                    "{\"lowBalanceThreshold\": 1000, \"autoRefill\": {\"enabled\": true, \"threshold\": 1000, \"amount\": 50000}, \"vestingDays\": 7, \"tokenExpiryDays\": 365}")))
    @APIResponse(
            responseCode = "200",
            description = "The pool as changed.",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PoolView.class)))
    @APIResponse(responseCode = "404", ref = OpenApiNames.NOT_FOUND)
    public Uni<PoolView> restrict(
            @Parameter(description = "The pool's id.", example = "pool_5d41402abc4b2a76b9719d91") @PathParam("id")
                    String id,
            @Valid @NotNull PoolDtos.Restrictions body) {
        return admin.restrict(id, body.command()).map(PoolView::of);
    }

    @POST
    @Path("/{id}/allocations")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "adminFundTokenPool",
            summary = "Add tokens to a pool",
            description = "An ALLOCATION ledger entry of `amount` tokens.",
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.OPERATOR_JWT))
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PoolDtos.Fund.class),
                            examples =
                                    @ExampleObject(
                                            name = "top-up",
                                            value = "{\"amount\": 250000, \"reason\": \"Q3 top-up\"}")))
    @APIResponse(
            responseCode = "200",
            description = "The pool as funded.",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PoolView.class)))
    @APIResponse(responseCode = "404", ref = OpenApiNames.NOT_FOUND)
    public Uni<PoolView> fund(
            @Parameter(description = "The pool's id.", example = "pool_5d41402abc4b2a76b9719d91") @PathParam("id")
                    String id,
            @Valid @NotNull PoolDtos.Fund body) {
        return admin.fund(id, body.command(), jwt.getSubject()).map(PoolView::of);
    }

    private static String note(PoolDtos.Decision body) {
        return body == null ? null : body.note();
    }
}
