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
import org.sirgiving.kernel.idempotency.RequestFingerprint;
import org.sirgiving.kernel.openapi.OpenApiNames;
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
@Tag(
        name = "Token pools",
        description = "The partner's token pool per environment, its ledger, and requests for more tokens.")
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
    @Operation(
            operationId = "listTokenPools",
            summary = "List token pools",
            description = "The pool of the key's environment (a partner has at most one per environment), in the list"
                    + " envelope.",
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.SIGNED))
    @APIResponse(
            responseCode = "200",
            description = "The pools.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ListSchemas.TokenPoolPage.class)))
    public Uni<Page<PoolView>> list(
            @Parameter(ref = OpenApiNames.PAGE) @QueryParam("page") String page,
            @Parameter(ref = OpenApiNames.LIMIT) @QueryParam("limit") String limit) {
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
    @Operation(
            operationId = "requestTokenAllocation",
            summary = "Request more tokens",
            description = "Asks SIR Giving for `amount` more tokens in the key's environment. The request is PENDING"
                    + " until an operator approves it (the amount is then added to the pool) or rejects it. Send an"
                    + " `Idempotency-Key` to retry safely: the same key and body again answer 409 `IDEMPOTENT` with the"
                    + " original request in `result`; the same key with another body, 422 `IDEMPOTENCY_KEY_REUSED`.",
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.SECRET_KEY))
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PoolDtos.RequestAllocation.class),
                            examples =
                                    @ExampleObject(
                                            name = "request",
                                            value = "{\"amount\": 50000, \"reason\": \"Holiday campaign\"}")))
    @APIResponse(
            responseCode = "201",
            description = "The allocation request, PENDING.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PoolDtos.AllocationRequestView.class)))
    @APIResponse(
            responseCode = "409",
            description = "`IDEMPOTENT`: this `Idempotency-Key` was used with the same request; the original is in"
                    + " `result` (and `Idempotent-Replayed: true`). `REQUEST_REPLAYED`: the exact signed request was"
                    + " already accepted (sign each request with a fresh timestamp).",
            headers =
                    @Header(
                            name = OpenApiNames.HEADER_IDEMPOTENT_REPLAYED,
                            ref = OpenApiNames.HEADER_IDEMPOTENT_REPLAYED),
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(ref = OpenApiNames.SCHEMA_API_ERROR)))
    @APIResponse(responseCode = "422", ref = OpenApiNames.UNPROCESSABLE)
    public Uni<Response> request(
            @Valid @NotNull PoolDtos.RequestAllocation body,
            @Parameter(
                            description = "Optional: makes retries of this create safe (any string up to 255"
                                    + " characters, unique per request).",
                            example = "alloc-2026-12-holiday")
                    @HeaderParam("Idempotency-Key")
                    @Size(min = 1, max = 255) @Identifier String idempotencyKey,
            @Parameter(hidden = true) RoutingContext rc) {
        String fingerprint = RequestFingerprint.of(rc.body().buffer().getBytes());
        return admin.request(Callers.scope(partner), body.command(), idempotencyKey, fingerprint)
                .map(result -> result.answer("request", PoolDtos.AllocationRequestView::of));
    }

    /** The partner's own allocation requests, newest first. */
    @GET
    @Path("/requests")
    @SignedAuth
    @Operation(
            operationId = "listTokenAllocationRequests",
            summary = "List allocation requests",
            description = "The partner's requests for more tokens in the key's environment, newest first.",
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.SIGNED))
    @APIResponse(
            responseCode = "200",
            description = "The allocation requests.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ListSchemas.AllocationRequestPage.class)))
    public Uni<Page<PoolDtos.AllocationRequestView>> requests(
            @Parameter(ref = OpenApiNames.PAGE) @QueryParam("page") String page,
            @Parameter(ref = OpenApiNames.LIMIT) @QueryParam("limit") String limit) {
        Page.Request paging = Page.Request.of(page, limit);
        return pools.requests(Callers.scope(partner), paging.page(), paging.limit())
                .map(p -> Pages.of(p, PoolDtos.AllocationRequestView::of));
    }

    @GET
    @Path("/{id}")
    @SignedAuth
    @Operation(
            operationId = "getTokenPool",
            summary = "Get a token pool",
            description = "One of the partner's pools by id (404 for another partner's or environment's).",
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.SIGNED))
    @APIResponse(
            responseCode = "200",
            description = "The pool.",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PoolView.class)))
    @APIResponse(responseCode = "404", ref = OpenApiNames.NOT_FOUND)
    public Uni<PoolView> get(
            @Parameter(description = "The pool's id.", example = "pool_5d41402abc4b2a76b9719d91") @PathParam("id")
                    String id) {
        return pools.pool(Callers.scope(partner), id).map(PoolView::of);
    }

    @GET
    @Path("/{id}/ledger")
    @SignedAuth
    @Operation(
            operationId = "listTokenPoolLedgerEntries",
            summary = "List a pool's ledger",
            description = "Every change of the pool's balance, newest first; the balance is the sum of the entries.",
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.SIGNED))
    @APIResponse(
            responseCode = "200",
            description = "The ledger entries.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ListSchemas.LedgerEntryPage.class)))
    @APIResponse(responseCode = "404", ref = OpenApiNames.NOT_FOUND)
    public Uni<Page<LedgerEntryView>> ledger(
            @Parameter(description = "The pool's id.", example = "pool_5d41402abc4b2a76b9719d91") @PathParam("id")
                    String id,
            @Parameter(ref = OpenApiNames.PAGE) @QueryParam("page") String page,
            @Parameter(ref = OpenApiNames.LIMIT) @QueryParam("limit") String limit) {
        Page.Request paging = Page.Request.of(page, limit);
        return pools.ledger(Callers.scope(partner), id, paging.page(), paging.limit())
                .map(p -> Pages.of(p, LedgerEntryView::of));
    }
}
