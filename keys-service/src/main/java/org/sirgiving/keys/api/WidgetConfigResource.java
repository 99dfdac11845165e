package org.sirgiving.keys.api;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sirgiving.kernel.http.RequestIds;
import org.sirgiving.kernel.openapi.OpenApiNames;
import org.sirgiving.keys.service.WidgetSettingsService;
import org.sirgiving.partnerauth.auth.AuthenticatedPartner;
import org.sirgiving.partnerauth.auth.PartnerContext;
import org.sirgiving.partnerauth.auth.SecretKeyAuth;
import org.sirgiving.partnerauth.auth.WidgetAuth;

/**
 * {@code GET /v1/partner/config}: the widget's configuration, with a publishable key alone; {@code PATCH}: the partner's
 * backend sets the widget settings (tips, allowed browser origins) of its key's environment.
 */
@Path("/v1/partner/config")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Widget", description = "Calls the widget makes in the browser with the publishable key alone.")
public class WidgetConfigResource {
    private final WidgetSettingsService widgets;
    private final PartnerContext partner;

    public WidgetConfigResource(WidgetSettingsService widgets, PartnerContext partner) {
        this.widgets = widgets;
        this.partner = partner;
    }

    @GET
    @WidgetAuth
    @Operation(
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.WIDGET),
            operationId = "getWidgetConfig",
            summary = "Get the widget's configuration",
            description = "The partner's name, enabled features, rate limit, and the tip settings and allowed browser"
                    + " origins of the key's environment, for the widget. Needs only `X-Partner-Key` with the"
                    + " publishable key (a secret key is accepted only on a signed request).")
    @APIResponse(
            responseCode = "200",
            description = "The configuration.",
            content = @Content(schema = @Schema(implementation = PartnerDtos.WidgetConfig.class)))
    public Uni<PartnerDtos.WidgetConfig> config() {
        AuthenticatedPartner p = partner.partner();
        return widgets.of(p.partnerId(), p.environment()).map(PartnerDtos.WidgetConfig::of);
    }

    @PATCH
    @SecretKeyAuth
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.SECRET_KEY),
            operationId = "updateWidgetConfig",
            summary = "Set the widget's tip and allowed origins",
            description = "Sets the widget settings of the secret key's environment (sandbox and production have"
                    + " their own): `tipConfig` (whether donations offer a tip, and its default percent) and"
                    + " `allowedOrigins` (the browser origins whose pages may call widget endpoints with your"
                    + " publishable key; the list is replaced). Fields left out stay as they are. Every service"
                    + " applies the change within seconds. Signed, with the secret key.")
    @APIResponse(
            responseCode = "200",
            description = "The configuration as changed.",
            content = @Content(schema = @Schema(implementation = PartnerDtos.WidgetConfig.class)))
    @APIResponse(responseCode = "400", ref = OpenApiNames.BAD_REQUEST)
    public Uni<PartnerDtos.WidgetConfig> update(
            @Valid @NotNull PartnerDtos.WidgetConfigPatch body, @Context RoutingContext rc) {
        AuthenticatedPartner p = partner.partner();
        return widgets.update(p.partnerId(), p.environment(), body.toCommand(p.environment()), RequestIds.of(rc))
                .map(PartnerDtos.WidgetConfig::of);
    }
}
