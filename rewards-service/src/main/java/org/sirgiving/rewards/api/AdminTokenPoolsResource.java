package org.sirgiving.rewards.api;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.http.Page;
import org.sirgiving.rewards.domain.AllocationRequest;
import org.sirgiving.rewards.domain.TokenPool;
import org.sirgiving.rewards.service.PoolAdministration;

/**
 * SIR Giving operators (user JWT with the {@code operator} group): allocation requests, production pools, funding and
 * restrictions. Everything lives under {@code /v1/admin/token-pools}, the one admin prefix the gateway routes here.
 */
@Path("/v1/admin/token-pools")
@RolesAllowed("operator")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operators")
public class AdminTokenPoolsResource {
    private final PoolAdministration admin;
    private final JsonWebToken jwt;

    public AdminTokenPoolsResource(PoolAdministration admin, JsonWebToken jwt) {
        this.admin = admin;
        this.jwt = jwt;
    }

    @GET
    @WithSession
    public Uni<Page<PoolView>> pools(
            @QueryParam("partnerId") String partnerId,
            @QueryParam("page") @DefaultValue("1") @Min(1) int page,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        var query = partnerId == null
                ? TokenPool.<TokenPool>find("order by createdAt desc, id")
                : TokenPool.<TokenPool>find("partnerId = ?1 order by createdAt desc, id", partnerId);
        return query.page(page - 1, limit)
                .list()
                .chain(list -> query.count()
                        .map(total -> new Page<>(list.stream().map(PoolView::of).toList(), page, limit, total)));
    }

    /** Creates and funds a pool; a production pool only for a partner whose production request was approved (403). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(@Valid @NotNull PoolDtos.CreatePool body) {
        return admin.createPool(body, jwt.getSubject())
                .map(p -> Response.status(Response.Status.CREATED)
                        .entity(PoolView.of(p))
                        .build());
    }

    @GET
    @Path("/requests")
    @WithSession
    public Uni<Page<PoolDtos.AllocationRequestView>> requests(
            @QueryParam("status") @DefaultValue("PENDING") @Pattern(regexp = "PENDING|APPROVED|REJECTED") String status,
            @QueryParam("page") @DefaultValue("1") @Min(1) int page,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        var query = AllocationRequest.<AllocationRequest>find("status = ?1 order by createdAt, id", status);
        return query.page(page - 1, limit)
                .list()
                .chain(list -> query.count()
                        .map(total -> new Page<>(
                                list.stream()
                                        .map(PoolDtos.AllocationRequestView::of)
                                        .toList(),
                                page,
                                limit,
                                total)));
    }

    @POST
    @Path("/requests/{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<PoolDtos.AllocationRequestView> approve(@PathParam("id") String id, @Valid PoolDtos.Decision body) {
        return admin.approve(id, jwt.getSubject(), body == null ? null : body.note())
                .map(PoolDtos.AllocationRequestView::of);
    }

    @POST
    @Path("/requests/{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<PoolDtos.AllocationRequestView> reject(@PathParam("id") String id, @Valid PoolDtos.Decision body) {
        return admin.reject(id, jwt.getSubject(), body == null ? null : body.note())
                .map(PoolDtos.AllocationRequestView::of);
    }

    @GET
    @Path("/{id}")
    @WithSession
    public Uni<PoolView> get(@PathParam("id") String id) {
        return TokenPool.<TokenPool>findById(id)
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("Token pool"))
                .map(PoolView::of);
    }

    /** Restrictions: lowBalanceThreshold, autoRefill, vestingDays, tokenExpiryDays, status. */
    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<PoolView> restrict(@PathParam("id") String id, @Valid @NotNull PoolDtos.Restrictions body) {
        return admin.restrict(id, body).map(PoolView::of);
    }

    @POST
    @Path("/{id}/allocations")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<PoolView> fund(@PathParam("id") String id, @Valid @NotNull PoolDtos.Fund body) {
        return admin.fund(id, body, jwt.getSubject()).map(PoolView::of);
    }
}
