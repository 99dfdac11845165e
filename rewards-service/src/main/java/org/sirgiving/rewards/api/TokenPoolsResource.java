package org.sirgiving.rewards.api;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sirgiving.kernel.http.Page;
import org.sirgiving.kernel.idempotency.RequestFingerprint;
import org.sirgiving.kernel.validation.Identifier;
import org.sirgiving.partnerauth.auth.PartnerContext;
import org.sirgiving.partnerauth.auth.SecretKeyAuth;
import org.sirgiving.partnerauth.auth.SignedAuth;
import org.sirgiving.partnerauth.replay.HonoursIdempotencyKey;
import org.sirgiving.rewards.service.PoolAdministration;
import org.sirgiving.rewards.service.PoolQueries;

/** The partner's token pools, their ledgers and allocation requests (reads signed with either key; requests: secret key). */
@Path("/v1/partner/token-pools")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Token pools")
public class TokenPoolsResource {
    private final PartnerContext partner;
    private final PoolQueries pools;
    private final PoolAdministration admin;

    public TokenPoolsResource(PartnerContext partner, PoolQueries pools, PoolAdministration admin) {
        this.partner = partner;
        this.pools = pools;
        this.admin = admin;
    }

    /** In the envelope of every list (docs/partner-api.md section 5); a partner has one pool per environment. */
    @GET
    @SignedAuth
    public Uni<Page<PoolView>> list(@QueryParam("page") String page, @QueryParam("limit") String limit) {
        Page.Request paging = Page.Request.of(page, limit);
        return pools.pools(Callers.scope(partner))
                .map(list -> Page.of(list.stream().map(PoolView::of).toList(), paging));
    }

    /**
     * Asks SIR Giving for {@code amount} more tokens (201, status PENDING); an operator approves or rejects it. With an
     * {@code Idempotency-Key} header the same request again answers 409 IDEMPOTENT with the original in {@code result}.
     */
    @POST
    @Path("/request")
    @SecretKeyAuth
    @HonoursIdempotencyKey(HonoursIdempotencyKey.KeyIn.HEADER)
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> request(
            @Valid @NotNull PoolDtos.RequestAllocation body,
            @HeaderParam("Idempotency-Key") @Size(min = 1, max = 255) @Identifier String idempotencyKey,
            RoutingContext rc) {
        String fingerprint = RequestFingerprint.of(rc.body().buffer().getBytes());
        return admin.request(Callers.scope(partner), body.command(), idempotencyKey, fingerprint)
                .map(result -> result.answer("request", PoolDtos.AllocationRequestView::of));
    }

    /** The partner's own allocation requests, newest first. */
    @GET
    @Path("/requests")
    @SignedAuth
    public Uni<Page<PoolDtos.AllocationRequestView>> requests(
            @QueryParam("page") String page, @QueryParam("limit") String limit) {
        Page.Request paging = Page.Request.of(page, limit);
        return pools.requests(Callers.scope(partner), paging.page(), paging.limit())
                .map(p -> Pages.of(p, PoolDtos.AllocationRequestView::of));
    }

    @GET
    @Path("/{id}")
    @SignedAuth
    public Uni<PoolView> get(@PathParam("id") String id) {
        return pools.pool(Callers.scope(partner), id).map(PoolView::of);
    }

    @GET
    @Path("/{id}/ledger")
    @SignedAuth
    public Uni<Page<LedgerEntryView>> ledger(
            @PathParam("id") String id, @QueryParam("page") String page, @QueryParam("limit") String limit) {
        Page.Request paging = Page.Request.of(page, limit);
        return pools.ledger(Callers.scope(partner), id, paging.page(), paging.limit())
                .map(p -> Pages.of(p, LedgerEntryView::of));
    }
}
