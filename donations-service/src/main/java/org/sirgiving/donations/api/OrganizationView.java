package org.sirgiving.donations.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.sirgiving.donations.domain.Organization;
import org.sirgiving.donations.domain.OrganizationStatus;

/** A nonprofit as partners (and their widgets) see it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
        name = "Organization",
        description = "A nonprofit of the directory that donation links can name.",
        requiredProperties = {"id", "slug", "name", "status", "providers", "currencies"})
public record OrganizationView(
        @Schema(examples = "org_4f1c2a9d8e7b6a5c4d3e2f1a") String id,

        @Schema(description = "The `nonprofitSlug` of donation links.", examples = "givedirectly")
        String slug,

        @Schema(examples = "GiveDirectly") String name,

        @Schema(description = "URL of the logo; absent when none.", examples = "https://www.givedirectly.org/logo.png")
        String logo,

        @Schema(description = "US Employer Identification Number.", examples = "27-1661997")
        String ein,

        @Schema(description = "Only an `ACTIVE` organization takes new donation links.")
        OrganizationStatus status,

        @Schema(examples = "Sends money directly to people living in poverty.")
        String description,

        @Schema(examples = "https://www.givedirectly.org") String website,

        @Schema(description = "The providers a donation link may name.", examples = "[\"stripe\", \"every.org\"]")
        List<String> providers,

        @Schema(description = "ISO 4217 codes a donation link may use.", examples = "[\"USD\"]")
        List<String> currencies) {

    public static OrganizationView of(Organization o) {
        return new OrganizationView(
                o.id,
                o.slug,
                o.name,
                o.logoUrl,
                o.ein,
                o.status,
                o.description,
                o.website,
                o.providerList(),
                o.currencyList());
    }

    @Schema(
            name = "OrganizationPage",
            description = "One page of organizations: `data`, `page`, `limit` and the `total` that match.",
            requiredProperties = {"data", "page", "limit", "total"})
    public record OrganizationPage(List<OrganizationView> data, int page, int limit, long total) {}
}
