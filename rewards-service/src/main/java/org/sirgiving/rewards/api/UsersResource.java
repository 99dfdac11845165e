package org.sirgiving.rewards.api;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import java.time.Clock;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.errors.ErrorCode;
import org.sirgiving.kernel.http.Page;
import org.sirgiving.partnerauth.auth.AuthenticatedPartner;
import org.sirgiving.partnerauth.auth.PartnerContext;
import org.sirgiving.partnerauth.auth.SecretKeyAuth;
import org.sirgiving.partnerauth.auth.SignedAuth;
import org.sirgiving.rewards.domain.PartnerUser;
import org.sirgiving.rewards.domain.Transaction;
import org.sirgiving.rewards.service.UserAccounts;

/**
 * The partner's users, their balances and transactions (docs/partner-api.md section 5). Users are known by the partner's own id
 * ({@code externalId}); creating one that exists answers 409 CONFLICT, so a replayed create has no second effect.
 */
@Path("/v1/partner/users")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Users")
public class UsersResource {
    private final PartnerContext partner;
    private final UserAccounts users;
    private final Clock clock;

    public UsersResource(PartnerContext partner, UserAccounts users, Clock clock) {
        this.partner = partner;
        this.users = users;
        this.clock = clock;
    }

    @GET
    @SignedAuth
    @WithSession
    public Uni<Page<UserDtos.UserView>> list(
            @QueryParam("page") @DefaultValue("1") @Min(1) int page,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        AuthenticatedPartner p = partner.partner();
        var query = PartnerUser.<PartnerUser>find(
                "partnerId = ?1 and environment = ?2 order by createdAt desc, id",
                p.partnerId(),
                p.environment().wireName());
        return query.page(page - 1, limit)
                .list()
                .chain(list -> query.count()
                        .map(total -> new Page<>(
                                list.stream().map(UserDtos.UserView::of).toList(), page, limit, total)));
    }

    @POST
    @SecretKeyAuth
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(@Valid @NotNull UserDtos.CreateUser body) {
        AuthenticatedPartner p = partner.partner();
        String env = p.environment().wireName();
        return Panache.withTransaction(() -> users.create(
                                p.partnerId(),
                                env,
                                new UserAccounts.NewUser(
                                        body.externalId(),
                                        body.email(),
                                        body.firstName(),
                                        body.lastName(),
                                        body.metadata() == null
                                                ? null
                                                : body.metadata().toString()))
                        .chain(created -> {
                            if (!created) {
                                return Uni.createFrom()
                                        .failure(new ApiException(
                                                ErrorCode.CONFLICT, "A user with this externalId already exists"));
                            }
                            return PartnerUser.findByExternal(p.partnerId(), env, body.externalId());
                        }))
                .map(u -> Response.status(Response.Status.CREATED)
                        .entity(UserDtos.UserView.of(u))
                        .build());
    }

    @GET
    @Path("/{externalId}")
    @SignedAuth
    @WithSession
    public Uni<UserDtos.UserView> get(@PathParam("externalId") String externalId) {
        return owned(externalId).map(UserDtos.UserView::of);
    }

    @PATCH
    @Path("/{externalId}")
    @SecretKeyAuth
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<UserDtos.UserView> update(
            @PathParam("externalId") String externalId, @Valid @NotNull UserDtos.UpdateUser body) {
        return Panache.withTransaction(() -> owned(externalId).map(u -> {
                    if (body.email() != null) {
                        u.email = body.email();
                    }
                    if (body.firstName() != null) {
                        u.firstName = body.firstName();
                    }
                    if (body.lastName() != null) {
                        u.lastName = body.lastName();
                    }
                    if (body.metadata() != null && !body.metadata().isNull()) {
                        u.metadata = body.metadata().toString();
                    }
                    u.updatedAt = clock.instant();
                    return u;
                }))
                .map(UserDtos.UserView::of);
    }

    @GET
    @Path("/{externalId}/balance")
    @SignedAuth
    @WithSession
    public Uni<UserDtos.BalanceView> balance(@PathParam("externalId") String externalId) {
        return owned(externalId).chain(u -> users.balance(u.id).map(b -> UserDtos.BalanceView.of(u, b)));
    }

    @GET
    @Path("/{externalId}/transactions")
    @SignedAuth
    @WithSession
    public Uni<Page<UserDtos.TransactionView>> transactions(
            @PathParam("externalId") String externalId,
            @QueryParam("page") @DefaultValue("1") @Min(1) int page,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        return owned(externalId).chain(u -> {
            var query = Transaction.<Transaction>find("userId = ?1 order by createdAt desc, id", u.id);
            return query.page(page - 1, limit)
                    .list()
                    .chain(list -> query.count()
                            .map(total -> new Page<>(
                                    list.stream()
                                            .map(UserDtos.TransactionView::of)
                                            .toList(),
                                    page,
                                    limit,
                                    total)));
        });
    }

    private Uni<PartnerUser> owned(String externalId) {
        AuthenticatedPartner p = partner.partner();
        return PartnerUser.findByExternal(p.partnerId(), p.environment().wireName(), externalId)
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("User"));
    }
}
