package org.sirgiving.donations.api;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.sirgiving.donations.domain.Frequency;
import org.sirgiving.kernel.validation.Identifier;
import org.sirgiving.kernel.validation.OneOf;
import org.sirgiving.kernel.validation.StorableText;
import org.sirgiving.kernel.validation.UrlPathSegment;

/** {@code POST /v1/partner/donations/create-link} (docs/partner-api.md section 7). Amounts in minor units (cents). */
@Schema(name = "CreateDonationLinkRequest", description = "A donation for the donor to complete at the checkout.")
public record CreateLinkRequest(
        @Schema(description = "The organization's slug (`getOrganization`).", examples = "givedirectly")
        @NotBlank @Size(max = 63) @Identifier String nonprofitSlug,

        @Schema(description = "In minor units (cents), 100 to 10000000, without the tip.", examples = "2500")
        @NotNull @Min(value = 100, message = "must be at least 100 (minor units)")
        @Max(value = 10_000_000, message = "must be at most 10000000 (minor units)")
        Long amount,

        @Schema(
                description = "ISO 4217 code, upper case; one the organization and the provider take.",
                pattern = "^[A-Z]{3}$",
                examples = "USD")
        @NotNull @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code, upper case") String currency,

        @Schema(
                description = "`once` or `monthly`.",
                enumeration = {"once", "monthly"},
                examples = "once")
        @NotNull @OneOf(value = Frequency.class, ignoreCase = true)
        String frequency,

        @Schema(
                description = "The provider of production links. Every sandbox (`pk_test_`) link opens the"
                        + " hosted sandbox checkout, whatever this says.",
                enumeration = {"stripe", "every.org"},
                examples = "stripe")
        @NotNull @Pattern(regexp = "^(stripe|every\\.org)$", message = "must be stripe or every.org")
        String provider,

        @Schema(format = "email", examples = "ada@example.com") @NotBlank @Email @Size(max = 320) String donorEmail,

        @Schema(examples = "Ada") @NotBlank @Size(max = 100) String firstName,

        @Schema(examples = "Lovelace") @NotBlank @Size(max = 100) String lastName,

        @Schema(description = "A tip for SIR Giving on top of `amount`, in minor units; not with `tipPercent`.")
        @Min(value = 0, message = "must be 0 or more") @Max(value = 10_000_000, message = "must be at most 10000000 (minor units)")
        Long tipAmount,

        @Schema(description = "A tip as a percentage of `amount`, 0 to 100; not with `tipAmount`.")
        @Min(value = 0, message = "must be from 0 to 100") @Max(value = 100, message = "must be from 0 to 100") Integer tipPercent,

        @Schema(description = "Your referral code, kept with the donation.") @Size(max = 64) @Identifier String referralCode,

        @Schema(
                description =
                        "Your id for the donor, who is rewarded under it; default: `donorEmail` in lower" + " case.",
                examples = "user-42")
        @Size(max = 255) @Identifier @UrlPathSegment
        String partnerUserId,

        @Schema(
                description = "Your page to send the donor back to after the checkout (ours): an absolute URL on an"
                        + " origin this key may be used from (`allowedOrigins`, or a loopback page for a sandbox key"
                        + " with none). The donor returns to it with `partnerDonationId` added to its query, and"
                        + " `cancelled=true` when they left without paying; read the outcome from the status, not"
                        + " from these parameters. Absent: the platform's own thank-you page.",
                format = "uri",
                examples = "https://shop.example/donate/return")
        @Size(max = 2048) @StorableText
        String returnUrl) {

    static final String EXAMPLE = "{\"nonprofitSlug\":\"givedirectly\",\"amount\":2500,\"currency\":\"USD\","
            + "\"frequency\":\"once\",\"provider\":\"stripe\",\"donorEmail\":\"ada@example.com\",\"firstName\":\"Ada\","
            + "\"lastName\":\"Lovelace\",\"tipPercent\":10}";
}
