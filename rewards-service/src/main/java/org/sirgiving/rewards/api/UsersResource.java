package org.sirgiving.rewards.api;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
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
import org.sirgiving.kernel.idempotency.RequestFingerprint;
import org.sirgiving.kernel.validation.Identifier;
import org.sirgiving.partnerauth.auth.PartnerContext;
import org.sirgiving.partnerauth.auth.SecretKeyAuth;
import org.sirgiving.partnerauth.auth.SignedAuth;
import org.sirgiving.partnerauth.replay.HonoursIdempotencyKey;
import org.sirgiving.rewards.domain.PartnerScope;
import org.sirgiving.rewards.domain.PartnerUser;
import org.sirgiving.rewards.service.UserAccounts;

/**
 * The partner's users, their balances and transactions (docs/partner-api.md section 5). Users are known by the
 * partner's own id ({@code externalId}); creating one that exists answers 409 CONFLICT, and a create under an
 * {@code Idempotency-Key} follows the one rule for every create, so a replayed create has no second effect.
 */
@Path("/v1/partner/users")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Users")
public class UsersResource {
    private final PartnerContext partner;
    private final UserAccounts users;

    public UsersResource(PartnerContext partner, UserAccounts users) {
        this.partner = partner;
        this.users = users;
    }

    @GET
    @SignedAuth
    public Uni<Page<UserDtos.UserView>> list(@QueryParam("page") String page, @QueryParam("limit") String limit) {
        Page.Request paging = Page.Request.of(page, limit);
        PartnerScope owner = Callers.scope(partner);
        return users.list(owner.partnerId(), owner.environment(), paging.page(), paging.limit())
                .map(p -> Pages.of(p, UserDtos.UserView::of));
    }

    /**
     * 201 with the user. With an {@code Idempotency-Key} header, the same key and body again answer 409 IDEMPOTENT with
     * the original user in {@code result}; the same key with another body, 422 (as every create).
     */
    @POST
    @SecretKeyAuth
    @HonoursIdempotencyKey(HonoursIdempotencyKey.KeyIn.HEADER)
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(
            @Valid @NotNull UserDtos.CreateUser body,
            @HeaderParam("Idempotency-Key") @Size(min = 1, max = 255) @Identifier String idempotencyKey,
            RoutingContext rc) {
        PartnerScope owner = Callers.scope(partner);
        String fingerprint = RequestFingerprint.of(rc.body().buffer().getBytes());
        return users.register(owner.partnerId(), owner.environment(), body.command(), idempotencyKey, fingerprint)
                .map(result -> result.answer("user", UserDtos.UserView::of));
    }

    @GET
    @Path("/{externalId}")
    @SignedAuth
    public Uni<UserDtos.UserView> get(@PathParam("externalId") String externalId) {
        return known(externalId).map(UserDtos.UserView::of);
    }

    @PATCH
    @Path("/{externalId}")
    @SecretKeyAuth
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<UserDtos.UserView> update(
            @PathParam("externalId") String externalId, @Valid @NotNull UserDtos.UpdateUser body) {
        PartnerScope owner = Callers.scope(partner);
        return users.update(owner.partnerId(), owner.environment(), externalId, body.command())
                .onItem()
                .ifNull()
                .failWith(UsersResource::notFound)
                .map(UserDtos.UserView::of);
    }

    @GET
    @Path("/{externalId}/balance")
    @SignedAuth
    public Uni<UserDtos.BalanceView> balance(@PathParam("externalId") String externalId) {
        PartnerScope owner = Callers.scope(partner);
        return users.balance(owner.partnerId(), owner.environment(), externalId)
                .onItem()
                .ifNull()
                .failWith(UsersResource::notFound)
                .map(b -> UserDtos.BalanceView.of(b.user(), b.balance()));
    }

    @GET
    @Path("/{externalId}/transactions")
    @SignedAuth
    public Uni<Page<UserDtos.TransactionView>> transactions(
            @PathParam("externalId") String externalId,
            @QueryParam("page") String page,
            @QueryParam("limit") String limit) {
        Page.Request paging = Page.Request.of(page, limit);
        PartnerScope owner = Callers.scope(partner);
        return users.transactions(owner.partnerId(), owner.environment(), externalId, paging.page(), paging.limit())
                .onItem()
                .ifNull()
                .failWith(UsersResource::notFound)
                .map(p -> Pages.of(p, UserDtos.TransactionView::of));
    }

    /** The partner's user; 404 for an unknown externalId (or another partner's, or another environment's). */
    private Uni<PartnerUser> known(String externalId) {
        PartnerScope owner = Callers.scope(partner);
        return users.find(owner.partnerId(), owner.environment(), externalId)
                .onItem()
                .ifNull()
                .failWith(UsersResource::notFound);
    }

    private static ApiException notFound() {
        return ApiException.notFound("User");
    }
}
