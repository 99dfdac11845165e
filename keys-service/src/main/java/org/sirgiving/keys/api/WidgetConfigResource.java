package org.sirgiving.keys.api;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sirgiving.kernel.openapi.OpenApiNames;
import org.sirgiving.keys.service.PartnerService;
import org.sirgiving.partnerauth.auth.PartnerContext;
import org.sirgiving.partnerauth.auth.WidgetAuth;

/** {@code GET /v1/partner/config}: the widget's configuration, with a publishable key alone. */
@Path("/v1/partner/config")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Widget", description = "Calls the widget makes in the browser with the publishable key alone.")
public class WidgetConfigResource {
    private final PartnerService partners;
    private final PartnerContext partner;

    public WidgetConfigResource(PartnerService partners, PartnerContext partner) {
        this.partners = partners;
        this.partner = partner;
    }

    @GET
    @WidgetAuth
    @Operation(
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.WIDGET),
            operationId = "getWidgetConfig",
            summary = "Get the widget's configuration",
            description = "The partner's name, enabled features, rate limit and tip settings, for the widget. Needs"
                    + " only `X-Partner-Key` with the publishable key (a secret key is accepted only on a signed"
                    + " request).")
    @APIResponse(
            responseCode = "200",
            description = "The configuration.",
            content = @Content(schema = @Schema(implementation = PartnerDtos.WidgetConfig.class)))
    public Uni<PartnerDtos.WidgetConfig> config() {
        return partners.byId(partner.partner().partnerId()).map(PartnerDtos.WidgetConfig::of);
    }
}
