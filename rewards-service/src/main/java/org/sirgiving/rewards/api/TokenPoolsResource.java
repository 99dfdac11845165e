package org.sirgiving.rewards.api;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sirgiving.partnerauth.auth.AuthenticatedPartner;
import org.sirgiving.partnerauth.auth.PartnerContext;
import org.sirgiving.partnerauth.auth.SignedAuth;
import org.sirgiving.partnerauth.errors.ApiException;
import org.sirgiving.rewards.domain.LedgerEntry;
import org.sirgiving.rewards.domain.TokenPool;

import java.util.List;

/** The partner's token pools and their ledgers (reads: signed with either key). */
@Path("/v1/partner/token-pools")
@Produces(MediaType.APPLICATION_JSON)
@SignedAuth
@Tag(name = "Token pools")
public class TokenPoolsResource {
    private final PartnerContext partner;

    public TokenPoolsResource(PartnerContext partner) {
        this.partner = partner;
    }

    @GET
    @WithSession
    public Uni<List<PoolView>> list() {
        AuthenticatedPartner p = partner.partner();
        return TokenPool.<TokenPool>find("partnerId = ?1 and environment = ?2", p.partnerId(), p.environment().wireName())
                .list().map(l -> l.stream().map(PoolView::of).toList());
    }

    @GET
    @Path("/{id}")
    @WithSession
    public Uni<PoolView> get(@PathParam("id") String id) {
        return owned(id).map(PoolView::of);
    }

    @GET
    @Path("/{id}/ledger")
    @WithSession
    public Uni<Page<LedgerEntryView>> ledger(@PathParam("id") String id,
                                             @QueryParam("page") @DefaultValue("1") @Min(1) int page,
                                             @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        return owned(id).chain(pool -> {
            var query = LedgerEntry.<LedgerEntry>find("poolId = ?1 order by id desc", pool.id);
            return query.page(page - 1, limit).list().chain(entries -> query.count()
                    .map(total -> new Page<>(entries.stream().map(LedgerEntryView::of).toList(), page, limit, total)));
        });
    }

    private Uni<TokenPool> owned(String id) {
        AuthenticatedPartner p = partner.partner();
        return TokenPool.<TokenPool>find("id = ?1 and partnerId = ?2 and environment = ?3", id, p.partnerId(),
                        p.environment().wireName()).firstResult()
                .onItem().ifNull().failWith(() -> ApiException.notFound("Token pool"));
    }
}
