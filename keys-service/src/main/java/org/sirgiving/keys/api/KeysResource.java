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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.sirgiving.kernel.http.RequestIds;
import org.sirgiving.keys.service.KeyService;
import org.sirgiving.keys.service.PartnerService;

/** Key management for signed-in users (JWT). A user sees only their own partner's keys. */
@Path("/v1/partner/keys")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Keys")
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
    public Uni<KeyDtos.IssuedKeyView> create(@Valid @NotNull KeyDtos.CreateKeyRequest request, RoutingContext rc) {
        return keys.issue(request.toCommand(jwt.getSubject(), displayName()), RequestIds.of(rc))
                .map(KeyDtos.IssuedKeyView::of);
    }

    @GET
    public Uni<List<KeyDtos.KeyView>> list() {
        return keys.list(jwt.getSubject())
                .map(l -> l.stream().map(KeyDtos.KeyView::of).toList());
    }

    @GET
    @Path("/partner-info")
    public Uni<PartnerDtos.PartnerInfo> partnerInfo() {
        return partners.infoOf(jwt.getSubject())
                .map(info -> PartnerDtos.PartnerInfo.of(info.partner(), info.newestRequest()));
    }

    @POST
    @Path("/production-request")
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    public Uni<PartnerDtos.ProductionRequestView> requestProduction(
            @Valid @NotNull PartnerDtos.ProductionRequestBody body) {
        return partners.requestProduction(jwt.getSubject(), displayName(), body.toCommand())
                .map(PartnerDtos.ProductionRequestView::of);
    }

    @GET
    @Path("/production-request")
    public Uni<List<PartnerDtos.ProductionRequestView>> productionRequests() {
        return partners.requestsOf(jwt.getSubject())
                .map(l -> l.stream().map(PartnerDtos.ProductionRequestView::of).toList());
    }

    @GET
    @Path("/{id}")
    public Uni<KeyDtos.KeyView> get(@PathParam("id") String id) {
        return keys.get(jwt.getSubject(), id).map(KeyDtos.KeyView::of);
    }

    /** {@code {name?, isActive?, expiresAt?}}: rename, deactivate or reactivate, set or clear the expiry. */
    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<KeyDtos.KeyView> update(@PathParam("id") String id, JsonNode patch, RoutingContext rc) {
        return keys.update(jwt.getSubject(), id, KeyPatch.read(patch, clock.instant()), RequestIds.of(rc))
                .map(KeyDtos.KeyView::of);
    }

    /** Revokes the key: it stops working in every service within moments. */
    @DELETE
    @Path("/{id}")
    public Uni<Response> revoke(@PathParam("id") String id, RoutingContext rc) {
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
