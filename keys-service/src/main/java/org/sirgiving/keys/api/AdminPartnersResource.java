package org.sirgiving.keys.api;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sirgiving.kernel.http.RequestIds;
import org.sirgiving.kernel.validation.OneOf;
import org.sirgiving.keys.domain.RequestStatus;
import org.sirgiving.keys.service.OperatorService;

/** SIR Giving operators (JWT with the {@code operator} group): production approval, suspension, settings, audit. */
@Path("/v1/admin/partners")
@RolesAllowed("operator")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operators")
public class AdminPartnersResource {
    private final OperatorService operators;
    private final JsonWebToken jwt;

    public AdminPartnersResource(OperatorService operators, JsonWebToken jwt) {
        this.operators = operators;
        this.jwt = jwt;
    }

    @GET
    public Uni<List<PartnerDtos.PartnerAdminView>> partners() {
        return operators
                .partners()
                .map(l -> l.stream().map(PartnerDtos.PartnerAdminView::of).toList());
    }

    @GET
    @Path("/production-requests")
    public Uni<List<PartnerDtos.ProductionRequestView>> requests(
            @QueryParam("status") @OneOf(RequestStatus.class) String status) {
        RequestStatus wanted = status == null ? null : RequestStatus.valueOf(status);
        return operators
                .requests(wanted)
                .map(l -> l.stream().map(PartnerDtos.ProductionRequestView::of).toList());
    }

    @POST
    @Path("/production-requests/{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<PartnerDtos.ProductionRequestView> approve(
            @PathParam("id") String id, @Valid @NotNull PartnerDtos.ApproveBody body, RoutingContext rc) {
        return operators
                .approve(jwt.getSubject(), id, body.toCommand(), RequestIds.of(rc))
                .map(PartnerDtos.ProductionRequestView::of);
    }

    @POST
    @Path("/production-requests/{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<PartnerDtos.ProductionRequestView> reject(
            @PathParam("id") String id, @Valid @NotNull PartnerDtos.ReasonBody body) {
        return operators.reject(jwt.getSubject(), id, body.reason()).map(PartnerDtos.ProductionRequestView::of);
    }

    @POST
    @Path("/{partnerId}/suspend")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<PartnerDtos.PartnerAdminView> suspend(
            @PathParam("partnerId") String partnerId, @Valid @NotNull PartnerDtos.ReasonBody body, RoutingContext rc) {
        return operators
                .suspend(jwt.getSubject(), partnerId, body.reason(), RequestIds.of(rc))
                .map(PartnerDtos.PartnerAdminView::of);
    }

    @POST
    @Path("/{partnerId}/reactivate")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<PartnerDtos.PartnerAdminView> reactivate(
            @PathParam("partnerId") String partnerId, @Valid @NotNull PartnerDtos.ReasonBody body, RoutingContext rc) {
        return operators
                .reactivate(jwt.getSubject(), partnerId, body.reason(), RequestIds.of(rc))
                .map(PartnerDtos.PartnerAdminView::of);
    }

    @PATCH
    @Path("/{partnerId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<PartnerDtos.PartnerAdminView> settings(
            @PathParam("partnerId") String partnerId,
            @Valid @NotNull PartnerDtos.SettingsBody body,
            RoutingContext rc) {
        return operators
                .updateSettings(jwt.getSubject(), partnerId, body.toCommand(), RequestIds.of(rc))
                .map(PartnerDtos.PartnerAdminView::of);
    }

    @GET
    @Path("/{partnerId}/decisions")
    public Uni<List<PartnerDtos.DecisionView>> decisions(@PathParam("partnerId") String partnerId) {
        return operators
                .decisions(partnerId)
                .map(l -> l.stream().map(PartnerDtos.DecisionView::of).toList());
    }
}
