package org.sirgiving.donations.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sirgiving.donations.service.OrganizationService;
import org.sirgiving.kernel.http.Page;
import org.sirgiving.kernel.openapi.OpenApiNames;

/** SIR Giving operators (operator JWT) manage the nonprofit directory; every change is audited with its reason. */
@Path("/v1/admin/organizations")
@RolesAllowed("operator")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operators", description = "SIR Giving staff only (operator JWT).")
public class AdminOrganizationsResource {
    private final OrganizationService organizations;
    private final JsonWebToken jwt;

    public AdminOrganizationsResource(OrganizationService organizations, JsonWebToken jwt) {
        this.organizations = organizations;
        this.jwt = jwt;
    }

    @GET
    @Operation(
            operationId = "adminListOrganizations",
            summary = "List organizations",
            description = "Every organization, active or not, by name; `query` filters by name or slug.",
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.OPERATOR_JWT))
    @APIResponse(
            responseCode = "200",
            description = "One page of organizations.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OrganizationView.OrganizationPage.class)))
    public Uni<Page<OrganizationView>> list(
            @Parameter(description = "Part of the name or slug.") @QueryParam("query") @Size(max = 100) String query,
            @Parameter(ref = OpenApiNames.PAGE) @QueryParam("page") String page,
            @Parameter(ref = OpenApiNames.LIMIT) @QueryParam("limit") String limit) {
        return organizations
                .search(query, false, Page.Request.of(page, limit))
                .map(p -> new Page<>(
                        p.data().stream().map(OrganizationView::of).toList(), p.page(), p.limit(), p.total()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "adminCreateOrganization",
            summary = "Add an organization",
            description = "Adds an ACTIVE nonprofit to the directory; a taken slug answers 409 `CONFLICT`.",
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.OPERATOR_JWT))
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OrganizationRequests.Create.class),
                            examples =
                                    @ExampleObject(
                                            name = "nonprofit",
                                            value =
                                                    "{\"slug\":\"givewell\",\"name\":\"GiveWell\",\"ein\":\"20-8521000\","
                                                            + "\"website\":\"https://www.givewell.org\",\"reason\":\"Partner request\"}")))
    @APIResponse(
            responseCode = "201",
            description = "The new organization.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OrganizationView.class)))
    @APIResponse(responseCode = "400", ref = OpenApiNames.BAD_REQUEST)
    @APIResponse(responseCode = "409", ref = OpenApiNames.CONFLICT)
    public Uni<Response> create(@Valid @NotNull OrganizationRequests.Create body) {
        return organizations
                .create(body.change(), jwt.getSubject())
                .map(o -> Response.status(Response.Status.CREATED)
                        .entity(OrganizationView.of(o))
                        .build());
    }

    @GET
    @Path("/{slug}")
    @Operation(
            operationId = "adminGetOrganization",
            summary = "Get an organization",
            description = "One organization, active or not.",
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.OPERATOR_JWT))
    @APIResponse(
            responseCode = "200",
            description = "The organization.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OrganizationView.class)))
    @APIResponse(responseCode = "404", ref = OpenApiNames.NOT_FOUND)
    public Uni<OrganizationView> get(@PathParam("slug") String slug) {
        return organizations.get(slug).map(OrganizationView::of);
    }

    @PATCH
    @Path("/{slug}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "adminUpdateOrganization",
            summary = "Update an organization",
            description = "Changes the fields sent; `status: ACTIVE` reactivates. Audited with `reason`.",
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.OPERATOR_JWT))
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OrganizationRequests.Update.class)))
    @APIResponse(
            responseCode = "200",
            description = "The organization as it is now.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OrganizationView.class)))
    @APIResponse(responseCode = "400", ref = OpenApiNames.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = OpenApiNames.NOT_FOUND)
    public Uni<OrganizationView> update(
            @PathParam("slug") String slug, @Valid @NotNull OrganizationRequests.Update body) {
        return organizations.update(slug, body.change(), jwt.getSubject()).map(OrganizationView::of);
    }

    @POST
    @Path("/{slug}/deactivate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "adminDeactivateOrganization",
            summary = "Deactivate an organization",
            description = "The organization takes no new donation links (create-link answers 400 for it); its donations"
                    + " keep their state. Audited with `reason`; deactivating again changes nothing.",
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.OPERATOR_JWT))
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OrganizationRequests.Deactivate.class)))
    @APIResponse(
            responseCode = "200",
            description = "The organization, `INACTIVE`.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OrganizationView.class)))
    @APIResponse(responseCode = "400", ref = OpenApiNames.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = OpenApiNames.NOT_FOUND)
    public Uni<OrganizationView> deactivate(
            @PathParam("slug") String slug, @Valid @NotNull OrganizationRequests.Deactivate body) {
        return organizations.deactivate(slug, body.reason(), jwt.getSubject()).map(OrganizationView::of);
    }
}
