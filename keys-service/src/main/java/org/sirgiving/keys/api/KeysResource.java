package org.sirgiving.keys.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.sirgiving.kernel.http.RequestIds;
import org.sirgiving.kernel.openapi.OpenApiNames;
import org.sirgiving.keys.service.KeyService;
import org.sirgiving.keys.service.PartnerService;

/**
 * Key management for signed-in users (JWT). A user sees only their own partner's keys. The RoutingContext parameters
 * are marked {@code @Context} so that the OpenAPI scanner does not document them as the request body.
 */
@Path("/v1/partner/keys")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Keys", description = "Your API keys and production access, for the signed-in partner user (JWT).")
public class KeysResource {
    private final KeyService keys;
    private final PartnerService partners;
    private final JsonWebToken jwt;
    private final Clock clock;

    public KeysResource(KeyService keys, PartnerService partners, JsonWebToken jwt, Clock clock) {
        this.keys = keys;
        this.partners = partners;
        this.jwt = jwt;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Operation(
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.USER_JWT),
            operationId = "createApiKey",
            summary = "Create a key pair",
            description = "Issues a publishable and a secret key with their HMAC secret. The first key a user creates"
                    + " also creates their partner (pending approval; sandbox works at once). `secretKey` and"
                    + " `hmacSecret` are in this answer only. Production keys need an approved production request"
                    + " (403 `PARTNER_NOT_APPROVED`); a suspended partner gets 403 `PARTNER_SUSPENDED`; a partner may"
                    + " have a limited number of unrevoked keys per environment (20 by default; 409 `CONFLICT`).")
    @APIResponse(
            responseCode = "201",
            description = "The new key pair, with its secrets (shown once).",
            content = @Content(schema = @Schema(implementation = KeyDtos.IssuedKeyView.class)))
    @APIResponse(responseCode = "400", ref = OpenApiNames.BAD_REQUEST)
    @APIResponse(responseCode = "409", ref = OpenApiNames.CONFLICT)
    public Uni<KeyDtos.IssuedKeyView> create(
            @Valid @NotNull KeyDtos.CreateKeyRequest request, @Context RoutingContext rc) {
        return keys.issue(request.toCommand(jwt.getSubject(), displayName()), RequestIds.of(rc))
                .map(KeyDtos.IssuedKeyView::of);
    }

    @GET
    @Operation(
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.USER_JWT),
            operationId = "listApiKeys",
            summary = "List keys",
            description = "Your partner's keys that are not revoked, in every environment; never their secrets.")
    @APIResponse(
            responseCode = "200",
            description = "The keys (empty before the first key is created).",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = KeyDtos.KeyView.class)))
    public Uni<List<KeyDtos.KeyView>> list() {
        return keys.list(jwt.getSubject())
                .map(l -> l.stream().map(KeyDtos.KeyView::of).toList());
    }

    @GET
    @Path("/partner-info")
    @Operation(
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.USER_JWT),
            operationId = "getPartnerInfo",
            summary = "Get your partner",
            description = "Your partner's status, tier, features and rate limit, with where its newest production"
                    + " request stands. 404 until the first key is created.")
    @APIResponse(
            responseCode = "200",
            description = "Your partner.",
            content = @Content(schema = @Schema(implementation = PartnerDtos.PartnerInfo.class)))
    @APIResponse(responseCode = "404", ref = OpenApiNames.NOT_FOUND)
    public Uni<PartnerDtos.PartnerInfo> partnerInfo() {
        return partners.infoOf(jwt.getSubject())
                .map(info -> PartnerDtos.PartnerInfo.of(info.partner(), info.newestRequest()));
    }

    @POST
    @Path("/production-request")
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Operation(
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.USER_JWT),
            operationId = "createProductionRequest",
            summary = "Request production access",
            description = "Files a production request for an operator to approve or reject (creates your partner if"
                    + " needed). One may be pending at a time (409 `CONFLICT`); a suspended partner gets 403"
                    + " `PARTNER_SUSPENDED`.")
    @APIResponse(
            responseCode = "201",
            description = "The request, `PENDING`.",
            content = @Content(schema = @Schema(implementation = PartnerDtos.ProductionRequestView.class)))
    @APIResponse(responseCode = "400", ref = OpenApiNames.BAD_REQUEST)
    @APIResponse(responseCode = "409", ref = OpenApiNames.CONFLICT)
    public Uni<PartnerDtos.ProductionRequestView> requestProduction(
            @Valid @NotNull PartnerDtos.ProductionRequestBody body) {
        return partners.requestProduction(jwt.getSubject(), displayName(), body.toCommand())
                .map(PartnerDtos.ProductionRequestView::of);
    }

    @GET
    @Path("/production-request")
    @Operation(
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.USER_JWT),
            operationId = "listOwnProductionRequests",
            summary = "List your production requests",
            description = "Your partner's production requests, newest first. 404 until the first key is created.")
    @APIResponse(
            responseCode = "200",
            description = "The requests.",
            content =
                    @Content(
                            schema =
                                    @Schema(
                                            type = SchemaType.ARRAY,
                                            implementation = PartnerDtos.ProductionRequestView.class)))
    @APIResponse(responseCode = "404", ref = OpenApiNames.NOT_FOUND)
    public Uni<List<PartnerDtos.ProductionRequestView>> productionRequests() {
        return partners.requestsOf(jwt.getSubject())
                .map(l -> l.stream().map(PartnerDtos.ProductionRequestView::of).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.USER_JWT),
            operationId = "getApiKey",
            summary = "Get a key",
            description = "One of your keys; never its secrets.")
    @APIResponse(
            responseCode = "200",
            description = "The key.",
            content = @Content(schema = @Schema(implementation = KeyDtos.KeyView.class)))
    @APIResponse(responseCode = "404", ref = OpenApiNames.NOT_FOUND)
    public Uni<KeyDtos.KeyView> get(
            @Parameter(description = "The key's id.", example = KeyDtos.KEY_ID) @PathParam("id") String id) {
        return keys.get(jwt.getSubject(), id).map(KeyDtos.KeyView::of);
    }

    /** {@code {name?, isActive?, expiresAt?}}: rename, deactivate or reactivate, set or clear the expiry. */
    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.USER_JWT),
            operationId = "updateApiKey",
            summary = "Rename, deactivate, reactivate or set the expiry of a key",
            description = "Changes only the fields given. A deactivated or expired key stops working everywhere within"
                    + " seconds (403 `KEY_INACTIVE`/`KEY_EXPIRED`); `\"expiresAt\": null` removes the expiry.")
    @APIResponse(
            responseCode = "200",
            description = "The key as changed.",
            content = @Content(schema = @Schema(implementation = KeyDtos.KeyView.class)))
    @APIResponse(responseCode = "400", ref = OpenApiNames.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = OpenApiNames.NOT_FOUND)
    public Uni<KeyDtos.KeyView> update(
            @Parameter(description = "The key's id.", example = KeyDtos.KEY_ID) @PathParam("id") String id,
            @RequestBody(
                            required = true,
                            content = @Content(schema = @Schema(implementation = KeyDtos.UpdateKeyRequest.class)))
                    JsonNode patch,
            @Context RoutingContext rc) {
        return keys.update(jwt.getSubject(), id, KeyPatch.read(patch, clock.instant()), RequestIds.of(rc))
                .map(KeyDtos.KeyView::of);
    }

    /** Revokes the key: it stops working in every service within moments. */
    @DELETE
    @Path("/{id}")
    @Operation(
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.USER_JWT),
            operationId = "revokeApiKey",
            summary = "Revoke a key",
            description = "Revokes the key pair for good: it stops working in every service within seconds and is no"
                    + " longer listed.")
    @APIResponse(responseCode = "204", description = "Revoked.")
    @APIResponse(responseCode = "404", ref = OpenApiNames.NOT_FOUND)
    public Uni<Response> revoke(
            @Parameter(description = "The key's id.", example = KeyDtos.KEY_ID) @PathParam("id") String id,
            @Context RoutingContext rc) {
        return keys.revoke(jwt.getSubject(), id, RequestIds.of(rc))
                .replaceWith(Response.noContent().build());
    }

    String displayName() {
        Object name = jwt.getClaim("name");
        if (name != null && !name.toString().isBlank()) {
            return name.toString();
        }
        String email = jwt.getClaim("email");
        return email != null ? email : jwt.getSubject();
    }
}
