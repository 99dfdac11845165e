package org.sirgiving.donations.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.sirgiving.donations.domain.OrganizationStatus;
import org.sirgiving.donations.service.OrganizationChange;
import org.sirgiving.kernel.validation.OneOf;

/** Operators' bodies for {@code /v1/admin/organizations}. */
public final class OrganizationRequests {
    static final String SLUG = "^[a-z0-9][a-z0-9-]{0,62}$";
    static final String EIN = "^[0-9]{2}-[0-9]{7}$";
    static final String URL = "^https?://[^\\s]{1,2000}$";
    static final String PROVIDER = "^(stripe|every\\.org)$";
    static final String CURRENCY = "^[A-Z]{3}$";

    @Schema(name = "CreateOrganizationRequest", description = "A nonprofit to add to the directory (ACTIVE).")
    public record Create(
            @Schema(description = "Lower case letters, digits and hyphens.", examples = "givedirectly")
            @NotBlank @Pattern(regexp = SLUG, message = "must be lower case letters, digits and hyphens, at most 63") String slug,

            @Schema(examples = "GiveDirectly") @NotBlank @Size(max = 200) String name,

            @Schema(description = "https URL of the logo.") @Pattern(regexp = URL, message = "must be an http(s) URL")
            String logo,

            @Schema(examples = "27-1661997") @Pattern(regexp = EIN, message = "must be an EIN, NN-NNNNNNN") String ein,

            @Size(max = 1000) String description,

            @Pattern(regexp = URL, message = "must be an http(s) URL")
            String website,

            @Schema(description = "Default `[\"stripe\", \"every.org\"]`.") @Size(min = 1, max = 2) List<@NotNull @Pattern(regexp = PROVIDER, message = "must be stripe or every.org") String> providers,

            @Schema(description = "ISO 4217 codes; default `[\"USD\"]`.") @Size(min = 1, max = 20) List<@NotNull @Pattern(regexp = CURRENCY, message = "must be an ISO 4217 code, upper case") String>
                    currencies,

            @Schema(description = "Why; kept in the audit trail.") @Size(max = 500) String reason) {
        public OrganizationChange change() {
            return new OrganizationChange(
                    slug, name, logo, ein, description, website, providers, currencies, null, reason);
        }
    }

    @Schema(name = "UpdateOrganizationRequest", description = "The fields to change; absent ones stay as they are.")
    public record Update(
            @Size(min = 1, max = 200) String name,

            @Pattern(regexp = URL, message = "must be an http(s) URL")
            String logo,

            @Pattern(regexp = EIN, message = "must be an EIN, NN-NNNNNNN") String ein,

            @Size(max = 1000) String description,

            @Pattern(regexp = URL, message = "must be an http(s) URL")
            String website,

            @Size(min = 1, max = 2) List<@NotNull @Pattern(regexp = PROVIDER, message = "must be stripe or every.org") String> providers,

            @Size(min = 1, max = 20) List<@NotNull @Pattern(regexp = CURRENCY, message = "must be an ISO 4217 code, upper case") String>
                    currencies,

            @Schema(ref = "OrganizationStatus", description = "`ACTIVE` reactivates a deactivated organization.")
            @OneOf(OrganizationStatus.class)
            String status,

            @Schema(description = "Why; kept in the audit trail.") @Size(max = 500) String reason) {
        public OrganizationChange change() {
            return new OrganizationChange(
                    null, name, logo, ein, description, website, providers, currencies, status, reason);
        }
    }

    @Schema(name = "DeactivateOrganizationRequest", description = "Why the organization stops taking donations.")
    public record Deactivate(
            @Schema(description = "Kept in the audit trail.", examples = "Lost its 501(c)(3) status")
            @NotBlank @Size(max = 500) String reason) {}

    private OrganizationRequests() {}
}
