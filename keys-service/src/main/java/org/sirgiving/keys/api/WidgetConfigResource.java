package org.sirgiving.keys.api;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sirgiving.keys.service.PartnerService;
import org.sirgiving.partnerauth.auth.PartnerContext;
import org.sirgiving.partnerauth.auth.WidgetAuth;

/** {@code GET /v1/partner/config}: the widget's configuration, with a publishable key alone. */
@Path("/v1/partner/config")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Widget")
public class WidgetConfigResource {
    private final PartnerService partners;
    private final PartnerContext partner;

    public WidgetConfigResource(PartnerService partners, PartnerContext partner) {
        this.partners = partners;
        this.partner = partner;
    }

    @GET
    @WidgetAuth
    public Uni<PartnerDtos.WidgetConfig> config() {
        return partners.byId(partner.partner().partnerId()).map(PartnerDtos.WidgetConfig::of);
    }
}
