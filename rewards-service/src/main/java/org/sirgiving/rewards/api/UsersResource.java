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
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.http.Page;
import org.sirgiving.kernel.idempotency.RequestFingerprint;
import org.sirgiving.kernel.openapi.OpenApiNames;
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
@Tag(name = "Users", description = "The partner's users (known by your own id), their balances and transactions.")
public class UsersResource {
    private final PartnerContext partner;
    private final UserAccounts users;

    public UsersResource(PartnerContext partner, UserAccounts users) {
        this.partner = partner;
        this.users = users;
    }

    @GET
    @SignedAuth
    @Operation(
            operationId = "listUsers",
            summary = "List users",
            description = "The partner's users in the key's environment, newest first.",
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.SIGNED))
    @APIResponse(
            responseCode = "200",
            description = "The users.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ListSchemas.UserPage.class)))
    public Uni<Page<UserDtos.UserView>> list(
            @Parameter(ref = OpenApiNames.PAGE) @QueryParam("page") String page,
            @Parameter(ref = OpenApiNames.LIMIT) @QueryParam("limit") String limit) {
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
    @Operation(
            operationId = "createUser",
            summary = "Create a user",
            description = "Registers a user under your own id (`externalId`) in the key's environment. One that exists"
                    + " already answers 409 `CONFLICT`. Send an `Idempotency-Key` to retry safely: the same key and body"
                    + " again answer 409 `IDEMPOTENT` with the original user in `result`; the same key with another"
                    + " body, 422 `IDEMPOTENCY_KEY_REUSED`.",
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.SECRET_KEY))
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = UserDtos.CreateUser.class),
                            examples =
                                    @ExampleObject(
                                            name = "user",
                                            value =
                                                    "{\"externalId\": \"user_12345\", \"email\": \"ada@example.com\", \"firstName\":"
                                                            + " \"Ada\", \"lastName\": \"Lovelace\", \"metadata\": {\"tier\": \"gold\"}}")))
    @APIResponse(
            responseCode = "201",
            description = "The new user.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = UserDtos.UserView.class)))
    @APIResponse(
            responseCode = "409",
            description = "`CONFLICT`: a user with this `externalId` exists. `IDEMPOTENT`: this `Idempotency-Key` was"
                    + " used with the same request; the original user is in `result` (and `Idempotent-Replayed: true`)."
                    + " `REQUEST_REPLAYED`: the exact signed request was already accepted (sign each request with a fresh"
                    + " timestamp).",
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
            @Valid @NotNull UserDtos.CreateUser body,
            @Parameter(
                            description = "Optional: makes retries of this create safe (any string up to 255"
                                    + " characters, unique per request).",
                            example = "create-user_12345")
                    @HeaderParam("Idempotency-Key")
                    @Size(min = 1, max = 255) @Identifier String idempotencyKey,
            @Parameter(hidden = true) RoutingContext rc) {
        PartnerScope owner = Callers.scope(partner);
        String fingerprint = RequestFingerprint.of(rc.body().buffer().getBytes());
        return users.register(owner.partnerId(), owner.environment(), body.command(), idempotencyKey, fingerprint)
                .map(result -> result.answer("user", UserDtos.UserView::of));
    }

    @GET
    @Path("/{externalId}")
    @SignedAuth
    @Operation(
            operationId = "getUser",
            summary = "Get a user",
            description = "A user by your own id.",
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.SIGNED))
    @APIResponse(
            responseCode = "200",
            description = "The user.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = UserDtos.UserView.class)))
    @APIResponse(responseCode = "404", ref = OpenApiNames.NOT_FOUND)
    public Uni<UserDtos.UserView> get(
            @Parameter(description = "Your own id for the user.", example = "user_12345") @PathParam("externalId")
                    String externalId) {
        return known(externalId).map(UserDtos.UserView::of);
    }

    @PATCH
    @Path("/{externalId}")
    @SecretKeyAuth
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "updateUser",
            summary = "Update a user",
            description = "Changes the fields given; absent (or null) ones stay as they are, `metadata` is replaced"
                    + " whole.",
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.SECRET_KEY))
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = UserDtos.UpdateUser.class),
                            examples =
                                    @ExampleObject(
                                            name = "email",
                                            value =
                                                    "{\"email\": \"ada@example.org\", \"metadata\": {\"tier\": \"platinum\"}}")))
    @APIResponse(
            responseCode = "200",
            description = "The user as changed.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = UserDtos.UserView.class)))
    @APIResponse(responseCode = "404", ref = OpenApiNames.NOT_FOUND)
    public Uni<UserDtos.UserView> update(
            @Parameter(description = "Your own id for the user.", example = "user_12345") @PathParam("externalId")
                    String externalId,
            @Valid @NotNull UserDtos.UpdateUser body) {
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
    @Operation(
            operationId = "getUserBalance",
            summary = "Get a user's balance",
            description = "Tokens available, still vesting (`pending`), earned in total and expired.",
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.SIGNED))
    @APIResponse(
            responseCode = "200",
            description = "The balance.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = UserDtos.BalanceView.class)))
    @APIResponse(responseCode = "404", ref = OpenApiNames.NOT_FOUND)
    public Uni<UserDtos.BalanceView> balance(
            @Parameter(description = "Your own id for the user.", example = "user_12345") @PathParam("externalId")
                    String externalId) {
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
    @Operation(
            operationId = "listUserTransactions",
            summary = "List a user's transactions",
            description = "Rewards, reversals and expiries of the user's tokens, newest first.",
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.SIGNED))
    @APIResponse(
            responseCode = "200",
            description = "The transactions.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ListSchemas.TransactionPage.class)))
    @APIResponse(responseCode = "404", ref = OpenApiNames.NOT_FOUND)
    public Uni<Page<UserDtos.TransactionView>> transactions(
            @Parameter(description = "Your own id for the user.", example = "user_12345") @PathParam("externalId")
                    String externalId,
            @Parameter(ref = OpenApiNames.PAGE) @QueryParam("page") String page,
            @Parameter(ref = OpenApiNames.LIMIT) @QueryParam("limit") String limit) {
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
