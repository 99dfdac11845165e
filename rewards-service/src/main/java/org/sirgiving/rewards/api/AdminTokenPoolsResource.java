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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sirgiving.kernel.http.Page;
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
@Tag(name = "Operators")
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
    public Uni<Page<PoolView>> pools(
            @QueryParam("partnerId") String partnerId,
            @QueryParam("page") String page,
            @QueryParam("limit") String limit) {
        Page.Request paging = Page.Request.of(page, limit);
        return pools.allPools(partnerId, paging.page(), paging.limit()).map(p -> Pages.of(p, PoolView::of));
    }

    /** Creates and funds a pool; a production pool only for a partner whose production request was approved (403). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(@Valid @NotNull PoolDtos.CreatePool body) {
        return admin.createPool(body.command(), jwt.getSubject())
                .map(p -> Response.status(Response.Status.CREATED)
                        .entity(PoolView.of(p))
                        .build());
    }

    @GET
    @Path("/requests")
    public Uni<Page<PoolDtos.AllocationRequestView>> requests(
            @QueryParam("status") @DefaultValue("PENDING") @OneOf(AllocationRequest.Status.class) String status,
            @QueryParam("page") String page,
            @QueryParam("limit") String limit) {
        Page.Request paging = Page.Request.of(page, limit);
        return pools.requests(AllocationRequest.Status.valueOf(status), paging.page(), paging.limit())
                .map(p -> Pages.of(p, PoolDtos.AllocationRequestView::of));
    }

    @POST
    @Path("/requests/{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<PoolDtos.AllocationRequestView> approve(@PathParam("id") String id, @Valid PoolDtos.Decision body) {
        return admin.approve(id, jwt.getSubject(), note(body)).map(PoolDtos.AllocationRequestView::of);
    }

    @POST
    @Path("/requests/{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<PoolDtos.AllocationRequestView> reject(@PathParam("id") String id, @Valid PoolDtos.Decision body) {
        return admin.reject(id, jwt.getSubject(), note(body)).map(PoolDtos.AllocationRequestView::of);
    }

    @GET
    @Path("/{id}")
    public Uni<PoolView> get(@PathParam("id") String id) {
        return pools.anyPool(id).map(PoolView::of);
    }

    /** Restrictions: lowBalanceThreshold, autoRefill, vestingDays, tokenExpiryDays, status. */
    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<PoolView> restrict(@PathParam("id") String id, @Valid @NotNull PoolDtos.Restrictions body) {
        return admin.restrict(id, body.command()).map(PoolView::of);
    }

    @POST
    @Path("/{id}/allocations")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<PoolView> fund(@PathParam("id") String id, @Valid @NotNull PoolDtos.Fund body) {
        return admin.fund(id, body.command(), jwt.getSubject()).map(PoolView::of);
    }

    private static String note(PoolDtos.Decision body) {
        return body == null ? null : body.note();
    }
}
