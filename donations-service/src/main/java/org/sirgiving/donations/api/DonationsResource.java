package org.sirgiving.donations.api;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sirgiving.donations.domain.Frequency;
import org.sirgiving.donations.provider.Provider;
import org.sirgiving.donations.service.CreateLink;
import org.sirgiving.donations.service.DonationService;
import org.sirgiving.events.Feature;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.http.RequestIds;
import org.sirgiving.kernel.idempotency.RequestFingerprint;
import org.sirgiving.kernel.openapi.OpenApiNames;
import org.sirgiving.kernel.validation.StorableText;
import org.sirgiving.partnerauth.auth.PartnerContext;
import org.sirgiving.partnerauth.auth.WidgetAuth;
import org.sirgiving.partnerauth.replay.HonoursIdempotencyKey;

/** Donation links and their status, for partners' widgets (docs/partner-api.md section 7). */
@Path("/v1/partner/donations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Donations", description = "Nonprofits, donation links and their rewards (docs/partners/donations.md).")
public class DonationsResource {
    private final DonationService donations;
    private final PartnerContext partner;
    private final Clock clock;

    public DonationsResource(DonationService donations, PartnerContext partner, Clock clock) {
        this.donations = donations;
        this.partner = partner;
        this.clock = clock;
    }

    @POST
    @Path("/create-link")
    @Consumes(MediaType.APPLICATION_JSON)
    @WidgetAuth
    @HonoursIdempotencyKey(HonoursIdempotencyKey.KeyIn.HEADER)
    @Operation(
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.WIDGET),
            operationId = "createDonationLink",
            summary = "Create a donation link",
            description = """
                    Makes a donation for the donor to complete, and the link to send the donor to: the provider's \
                    checkout (Stripe Checkout, every.org) for a production key, the hosted sandbox checkout for a \
                    sandbox key. Follow it with `getDonationStatus` or the `donation.completed` webhook; each \
                    completed charge is rewarded once, as a `DONATION` action for the donor.

                    Tips: `tipAmount` or `tipPercent` (not both) add a tip on top of `amount`; when your `tipConfig` \
                    disables tips, a non-zero tip answers 400. With an `Idempotency-Key`, the same request again \
                    answers 409 `IDEMPOTENT` with the original link in `result` and `Idempotent-Replayed: true`.""")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CreateLinkRequest.class),
                            examples = @ExampleObject(name = "once", value = CreateLinkRequest.EXAMPLE)))
    @APIResponse(
            responseCode = "201",
            description = "The donation and its link.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DonationViews.Link.class)))
    @APIResponse(
            responseCode = "400",
            ref = OpenApiNames.BAD_REQUEST,
            description = "`VALIDATION_FAILED` naming the field: a bad value, an unknown or inactive nonprofit, a"
                    + " provider or currency the nonprofit or the provider does not take, or a tip the rules refuse.")
    @APIResponse(
            responseCode = "409",
            description = "`IDEMPOTENT`: an earlier request with this `Idempotency-Key` and the same body made the"
                    + " link; it is in `result`, with `Idempotent-Replayed: true`. `REQUEST_REPLAYED`: this exact"
                    + " signed request was already accepted.",
            content = @Content(schema = @Schema(ref = OpenApiNames.SCHEMA_API_ERROR)),
            headers =
                    @Header(
                            name = OpenApiNames.HEADER_IDEMPOTENT_REPLAYED,
                            ref = OpenApiNames.HEADER_IDEMPOTENT_REPLAYED))
    @APIResponse(responseCode = "422", ref = OpenApiNames.UNPROCESSABLE)
    @APIResponse(
            responseCode = "503",
            ref = OpenApiNames.SERVICE_UNAVAILABLE,
            description = "`SERVICE_UNAVAILABLE`: the provider cannot make a checkout now; retry later.")
    public Uni<Response> createLink(
            @Valid @NotNull CreateLinkRequest request,
            @Parameter(
                            name = HonoursIdempotencyKey.HEADER_NAME,
                            in = ParameterIn.HEADER,
                            description = "Optional; 1 to 255 characters. The same key and body make one donation.",
                            schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 255),
                            example = "checkout-7f3a")
                    @HeaderParam(HonoursIdempotencyKey.HEADER_NAME)
                    String idempotencyKey,
            @Parameter(hidden = true) RoutingContext rc) {
        if (idempotencyKey != null
                && (idempotencyKey.isBlank()
                        || idempotencyKey.length() > 255
                        || !StorableText.Rule.identifier(idempotencyKey))) {
            throw ApiException.validation(
                    HonoursIdempotencyKey.HEADER_NAME, "must be 1 to 255 characters, without control characters");
        }
        CreateLink command = new CreateLink(
                request.nonprofitSlug(),
                request.amount(),
                request.currency(),
                Frequency.fromWire(request.frequency()),
                Provider.fromWire(request.provider()),
                request.donorEmail(),
                request.firstName(),
                request.lastName(),
                request.tipAmount(),
                request.tipPercent(),
                request.referralCode(),
                request.partnerUserId(),
                request.returnUrl(),
                idempotencyKey,
                RequestFingerprint.of(rc.body().buffer().getBytes()));
        return donations
                .createLink(partner.requireFeature(Feature.DONATIONS), command, RequestIds.of(rc))
                .map(r -> r.answer("donation link", DonationViews.Link::of));
    }

    @GET
    @Path("/status/{partnerDonationId}")
    @WidgetAuth
    @Operation(
            extensions = @Extension(name = OpenApiNames.AUTH, value = OpenApiNames.WIDGET),
            operationId = "getDonationStatus",
            summary = "Get a donation's status",
            description = "The donation as it is now: its status, each charge (a monthly donation has one a month) and"
                    + " each charge's reward (its `DONATION` action, tokens and transactions). A reward is `PENDING`"
                    + " for the moment between the charge and the reward's decision.")
    @APIResponse(
            responseCode = "200",
            description = "The donation.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DonationViews.Status.class)))
    @APIResponse(responseCode = "404", ref = OpenApiNames.NOT_FOUND)
    public Uni<DonationViews.Status> status(
            @Parameter(description = "The id create-link answered.", example = "don_9f86d081884c7d659a2feaa0")
                    @PathParam("partnerDonationId")
                    String partnerDonationId) {
        return donations
                .status(partner.requireFeature(Feature.DONATIONS), partnerDonationId)
                .map(s -> DonationViews.Status.of(s, clock.instant()));
    }
}
