package org.sirgiving.donations.api;

import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sirgiving.donations.service.OrganizationService;
import org.sirgiving.kernel.http.Page;
import org.sirgiving.kernel.openapi.OpenApiNames;
import org.sirgiving.partnerauth.auth.WidgetAuth;

/** The nonprofit directory for partners' widgets (docs/partner-api.md section 7). */
@Path("/v1/partner/organizations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Donations", description = "Nonprofits, donation links and their rewards (docs/partners/donations.md).")
public class OrganizationsResource {
    private final OrganizationService organizations;

    public OrganizationsResource(OrganizationService organizations) {
        this.organizations = organizations;
    }

    @GET
    @Path("/{slug}")
    @WidgetAuth
    @Operation(
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.WIDGET),
            operationId = "getOrganization",
            summary = "Get a nonprofit",
            description = "The nonprofit a donation link would name: its name, logo, EIN, status, and the providers and"
                    + " currencies its links may use. An `INACTIVE` one is shown but takes no new links.")
    @APIResponse(
            responseCode = "200",
            description = "The organization.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OrganizationView.class)))
    @APIResponse(responseCode = "404", ref = OpenApiNames.NOT_FOUND)
    public Uni<OrganizationView> get(
            @Parameter(description = "The organization's slug.", example = "givedirectly") @PathParam("slug")
                    String slug) {
        return organizations.get(slug).map(OrganizationView::of);
    }

    @GET
    @WidgetAuth
    @Operation(
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.WIDGET),
            operationId = "searchOrganizations",
            summary = "Search nonprofits",
            description = "`ACTIVE` nonprofits whose name or slug contains `query` (any case), by name: for a picker."
                    + " Without `query`, all of them.")
    @APIResponse(
            responseCode = "200",
            description = "One page of organizations.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OrganizationView.OrganizationPage.class)))
    @APIResponse(responseCode = "400", ref = OpenApiNames.BAD_REQUEST)
    public Uni<Page<OrganizationView>> search(
            @Parameter(description = "Part of the name or slug, at most 100 characters.", example = "malaria")
                    @QueryParam("query")
                    @Size(max = 100) String query,
            @Parameter(ref = OpenApiNames.PAGE) @QueryParam("page") String page,
            @Parameter(ref = OpenApiNames.LIMIT) @QueryParam("limit") String limit) {
        return organizations
                .search(query, true, Page.Request.of(page, limit))
                .map(p -> new Page<>(
                        p.data().stream().map(OrganizationView::of).toList(), p.page(), p.limit(), p.total()));
    }
}
