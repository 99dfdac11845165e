package org.sirgiving.keys.api;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.sirgiving.events.Environment;
import org.sirgiving.keys.service.KeyService;
import org.sirgiving.partnerauth.http.RequestIds;

import java.util.List;

/** Key management for signed-in users (JWT). A user sees only their own partner's keys. */
@Path("/v1/partner/keys")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Keys")
public class KeysResource {
    private final KeyService keys;
    private final JsonWebToken jwt;

    public KeysResource(KeyService keys, JsonWebToken jwt) {
        this.keys = keys;
        this.jwt = jwt;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    public Uni<KeyDtos.IssuedKeyView> create(@Valid @NotNull KeyDtos.CreateKeyRequest request, RoutingContext rc) {
        String keyType = request.keyType() == null || request.keyType().isBlank() ? "standard" : request.keyType();
        return keys.issue(jwt.getSubject(), displayName(), request.name().trim(),
                        Environment.fromWire(request.environment()), keyType, RequestIds.of(rc))
                .map(KeyDtos.IssuedKeyView::of);
    }

    @GET
    public Uni<List<KeyDtos.KeyView>> list() {
        return keys.list(jwt.getSubject()).map(l -> l.stream().map(KeyDtos.KeyView::of).toList());
    }

    private String displayName() {
        Object name = jwt.getClaim("name");
        if (name != null && !name.toString().isBlank()) {
            return name.toString();
        }
        String email = jwt.getClaim("email");
        return email != null ? email : jwt.getSubject();
    }
}
