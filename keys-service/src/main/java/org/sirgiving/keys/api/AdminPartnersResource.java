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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sirgiving.kernel.http.RequestIds;
import org.sirgiving.kernel.openapi.OpenApiNames;
import org.sirgiving.kernel.validation.OneOf;
import org.sirgiving.keys.domain.RequestStatus;
import org.sirgiving.keys.service.OperatorService;

/**
 * SIR Giving operators (JWT with the {@code operator} group): production approval, suspension, settings, audit. The
 * RoutingContext parameters are {@code @Context} so that the OpenAPI scanner does not take them for a request body.
 */
@Path("/v1/admin/partners")
@RolesAllowed("operator")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Operators",
        description = "SIR Giving staff only (operator JWT): production approval, suspension, settings, audit.")
public class AdminPartnersResource {
    private final OperatorService operators;
    private final JsonWebToken jwt;

    public AdminPartnersResource(OperatorService operators, JsonWebToken jwt) {
        this.operators = operators;
        this.jwt = jwt;
    }

    @GET
    @Operation(
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.OPERATOR_JWT),
            operationId = "listPartners",
            summary = "List partners",
            description = "Every partner, newest first, as operators see it.")
    @APIResponse(
            responseCode = "200",
            description = "The partners.",
            content =
                    @Content(
                            schema =
                                    @Schema(
                                            type = SchemaType.ARRAY,
                                            implementation = PartnerDtos.PartnerAdminView.class)))
    public Uni<List<PartnerDtos.PartnerAdminView>> partners() {
        return operators
                .partners()
                .map(l -> l.stream().map(PartnerDtos.PartnerAdminView::of).toList());
    }

    @GET
    @Path("/production-requests")
    @Operation(
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.OPERATOR_JWT),
            operationId = "listProductionRequests",
            summary = "List production requests",
            description = "Production requests of every partner, oldest first; all of them unless `status` is given.")
    @APIResponse(
            responseCode = "200",
            description = "The requests.",
            content =
                    @Content(
                            schema =
                                    @Schema(
                                            type = SchemaType.ARRAY,
                                            implementation = PartnerDtos.ProductionRequestView.class)))
    @APIResponse(responseCode = "400", ref = OpenApiNames.BAD_REQUEST)
    public Uni<List<PartnerDtos.ProductionRequestView>> requests(
            @Parameter(
                            description = "Only requests in this state.",
                            schema = @Schema(enumeration = {"PENDING", "APPROVED", "REJECTED"}))
                    @QueryParam("status")
                    @OneOf(RequestStatus.class)
                    String status) {
        RequestStatus wanted = status == null ? null : RequestStatus.valueOf(status);
        return operators
                .requests(wanted)
                .map(l -> l.stream().map(PartnerDtos.ProductionRequestView::of).toList());
    }

    @POST
    @Path("/production-requests/{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.OPERATOR_JWT),
            operationId = "approveProductionRequest",
            summary = "Approve a production request",
            description = "The partner becomes ACTIVE (unless suspended) with the tier and rate limit, may create live"
                    + " keys, and gets a production pool and webhook endpoint. A request is decided once (409"
                    + " `CONFLICT`).")
    @APIResponse(
            responseCode = "200",
            description = "The request, `APPROVED`.",
            content = @Content(schema = @Schema(implementation = PartnerDtos.ProductionRequestView.class)))
    @APIResponse(responseCode = "400", ref = OpenApiNames.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = OpenApiNames.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = OpenApiNames.CONFLICT)
    public Uni<PartnerDtos.ProductionRequestView> approve(
            @Parameter(description = "The production request's id.", example = PartnerDtos.REQUEST_ID) @PathParam("id")
                    String id,
            @Valid @NotNull PartnerDtos.ApproveBody body,
            @Context RoutingContext rc) {
        return operators
                .approve(jwt.getSubject(), id, body.toCommand(), RequestIds.of(rc))
                .map(PartnerDtos.ProductionRequestView::of);
    }

    @POST
    @Path("/production-requests/{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.OPERATOR_JWT),
            operationId = "rejectProductionRequest",
            summary = "Reject a production request",
            description = "Rejects with a reason the partner sees. A request is decided once (409 `CONFLICT`).")
    @APIResponse(
            responseCode = "200",
            description = "The request, `REJECTED`.",
            content = @Content(schema = @Schema(implementation = PartnerDtos.ProductionRequestView.class)))
    @APIResponse(responseCode = "400", ref = OpenApiNames.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = OpenApiNames.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = OpenApiNames.CONFLICT)
    public Uni<PartnerDtos.ProductionRequestView> reject(
            @Parameter(description = "The production request's id.", example = PartnerDtos.REQUEST_ID) @PathParam("id")
                    String id,
            @Valid @NotNull PartnerDtos.ReasonBody body) {
        return operators.reject(jwt.getSubject(), id, body.reason()).map(PartnerDtos.ProductionRequestView::of);
    }

    @POST
    @Path("/{partnerId}/suspend")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.OPERATOR_JWT),
            operationId = "suspendPartner",
            summary = "Suspend a partner",
            description = "Every key of the partner fails with 403 `PARTNER_SUSPENDED` in every service within"
                    + " seconds, until reactivated.")
    @APIResponse(
            responseCode = "200",
            description = "The partner, `SUSPENDED`.",
            content = @Content(schema = @Schema(implementation = PartnerDtos.PartnerAdminView.class)))
    @APIResponse(responseCode = "400", ref = OpenApiNames.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = OpenApiNames.NOT_FOUND)
    public Uni<PartnerDtos.PartnerAdminView> suspend(
            @Parameter(description = "The partner's id.", example = KeyDtos.PARTNER_ID) @PathParam("partnerId")
                    String partnerId,
            @Valid @NotNull PartnerDtos.ReasonBody body,
            @Context RoutingContext rc) {
        return operators
                .suspend(jwt.getSubject(), partnerId, body.reason(), RequestIds.of(rc))
                .map(PartnerDtos.PartnerAdminView::of);
    }

    @POST
    @Path("/{partnerId}/reactivate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.OPERATOR_JWT),
            operationId = "reactivatePartner",
            summary = "Lift a suspension",
            description = "Back to ACTIVE when production was approved, else to PENDING_APPROVAL.")
    @APIResponse(
            responseCode = "200",
            description = "The partner.",
            content = @Content(schema = @Schema(implementation = PartnerDtos.PartnerAdminView.class)))
    @APIResponse(responseCode = "400", ref = OpenApiNames.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = OpenApiNames.NOT_FOUND)
    public Uni<PartnerDtos.PartnerAdminView> reactivate(
            @Parameter(description = "The partner's id.", example = KeyDtos.PARTNER_ID) @PathParam("partnerId")
                    String partnerId,
            @Valid @NotNull PartnerDtos.ReasonBody body,
            @Context RoutingContext rc) {
        return operators
                .reactivate(jwt.getSubject(), partnerId, body.reason(), RequestIds.of(rc))
                .map(PartnerDtos.PartnerAdminView::of);
    }

    @PATCH
    @Path("/{partnerId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.OPERATOR_JWT),
            operationId = "updatePartnerSettings",
            summary = "Change a partner's settings",
            description = "IP allowlist, enabled features and rate limit; every service applies them within seconds.")
    @APIResponse(
            responseCode = "200",
            description = "The partner as changed.",
            content = @Content(schema = @Schema(implementation = PartnerDtos.PartnerAdminView.class)))
    @APIResponse(responseCode = "400", ref = OpenApiNames.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = OpenApiNames.NOT_FOUND)
    public Uni<PartnerDtos.PartnerAdminView> settings(
            @Parameter(description = "The partner's id.", example = KeyDtos.PARTNER_ID) @PathParam("partnerId")
                    String partnerId,
            @Valid @NotNull PartnerDtos.SettingsBody body,
            @Context RoutingContext rc) {
        return operators
                .updateSettings(jwt.getSubject(), partnerId, body.toCommand(), RequestIds.of(rc))
                .map(PartnerDtos.PartnerAdminView::of);
    }

    @GET
    @Path("/{partnerId}/decisions")
    @Operation(
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.OPERATOR_JWT),
            operationId = "listPartnerDecisions",
            summary = "A partner's audit trail",
            description = "Every operator decision about the partner, newest first (empty for an unknown partner).")
    @APIResponse(
            responseCode = "200",
            description = "The decisions.",
            content =
                    @Content(
                            schema = @Schema(type = SchemaType.ARRAY, implementation = PartnerDtos.DecisionView.class)))
    public Uni<List<PartnerDtos.DecisionView>> decisions(
            @Parameter(description = "The partner's id.", example = KeyDtos.PARTNER_ID) @PathParam("partnerId")
                    String partnerId) {
        return operators
                .decisions(partnerId)
                .map(l -> l.stream().map(PartnerDtos.DecisionView::of).toList());
    }
}
