package org.sirgiving.rewards.api;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import org.sirgiving.partnerauth.auth.AuthenticatedPartner;
import org.sirgiving.partnerauth.auth.PartnerContext;
import org.sirgiving.partnerauth.auth.SecretKeyAuth;
import org.sirgiving.partnerauth.auth.SignedAuth;
import org.sirgiving.rewards.domain.AllocationRequest;
import org.sirgiving.rewards.domain.LedgerEntry;
import org.sirgiving.rewards.domain.TokenPool;
import org.sirgiving.rewards.service.PoolAdministration;

/** The partner's token pools, their ledgers and allocation requests (reads signed with either key; requests: secret key). */
@Path("/v1/partner/token-pools")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Token pools")
public class TokenPoolsResource {
    private final PartnerContext partner;
    private final PoolAdministration admin;

    public TokenPoolsResource(PartnerContext partner, PoolAdministration admin) {
        this.partner = partner;
        this.admin = admin;
    }

    @GET
    @SignedAuth
    @WithSession
    public Uni<List<PoolView>> list() {
        AuthenticatedPartner p = partner.partner();
        return TokenPool.<TokenPool>find(
                        "partnerId = ?1 and environment = ?2",
                        p.partnerId(),
                        p.environment().wireName())
                .list()
                .map(l -> l.stream().map(PoolView::of).toList());
    }

    /**
     * Asks SIR Giving for {@code amount} more tokens (201, status PENDING); an operator approves or rejects it. With an
     * {@code Idempotency-Key} header the same request again answers 409 IDEMPOTENT with the original in {@code result}.
     */
    @POST
    @Path("/request")
    @SecretKeyAuth
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> request(
            @Valid @NotNull PoolDtos.RequestAllocation body,
            @HeaderParam("Idempotency-Key") @Size(min = 1, max = 255) String idempotencyKey,
            RoutingContext rc) {
        String hash = RequestFingerprint.of(rc.body().buffer().getBytes());
        return admin.request(partner.partner(), body, idempotencyKey, hash).map(r -> {
            PoolDtos.AllocationRequestView view = PoolDtos.AllocationRequestView.of(r.request());
            if (r.replayed()) {
                throw ApiException.replayed("request", view);
            }
            return Response.status(Response.Status.CREATED).entity(view).build();
        });
    }

    /** The partner's own allocation requests, newest first. */
    @GET
    @Path("/requests")
    @SignedAuth
    @WithSession
    public Uni<Page<PoolDtos.AllocationRequestView>> requests(
            @QueryParam("page") @DefaultValue("1") @Min(1) int page,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        AuthenticatedPartner p = partner.partner();
        var query = AllocationRequest.<AllocationRequest>find(
                "partnerId = ?1 and environment = ?2 order by createdAt desc, id",
                p.partnerId(),
                p.environment().wireName());
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

    @GET
    @Path("/{id}")
    @SignedAuth
    @WithSession
    public Uni<PoolView> get(@PathParam("id") String id) {
        return owned(id).map(PoolView::of);
    }

    @GET
    @Path("/{id}/ledger")
    @SignedAuth
    @WithSession
    public Uni<Page<LedgerEntryView>> ledger(
            @PathParam("id") String id,
            @QueryParam("page") @DefaultValue("1") @Min(1) int page,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        return owned(id).chain(pool -> {
            var query = LedgerEntry.<LedgerEntry>find("poolId = ?1 order by id desc", pool.id);
            return query.page(page - 1, limit)
                    .list()
                    .chain(entries -> query.count()
                            .map(total -> new Page<>(
                                    entries.stream().map(LedgerEntryView::of).toList(), page, limit, total)));
        });
    }

    private Uni<TokenPool> owned(String id) {
        AuthenticatedPartner p = partner.partner();
        return TokenPool.<TokenPool>find(
                        "id = ?1 and partnerId = ?2 and environment = ?3",
                        id,
                        p.partnerId(),
                        p.environment().wireName())
                .firstResult()
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("Token pool"));
    }
}
