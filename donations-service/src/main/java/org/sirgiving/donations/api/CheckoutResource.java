package org.sirgiving.donations.api;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.sirgiving.donations.domain.Donation;
import org.sirgiving.donations.domain.DonationCharge;
import org.sirgiving.donations.domain.DonationStatus;
import org.sirgiving.donations.domain.Frequency;
import org.sirgiving.donations.provider.ReturnUrls;
import org.sirgiving.donations.service.CheckoutPage;
import org.sirgiving.donations.service.SandboxCheckout;

/**
 * The hosted sandbox checkout, for the donor's browser (server-rendered HTML, not part of the partner API): the page of
 * every sandbox donation link, whose buttons complete, fail or cancel the test donation like a provider's test mode,
 * and the thank-you page providers return donors to. The token in the URL is the only credential: it is unguessable
 * and only the link carries it. Every button is a form POST answered 303 back to the page (no double submit on reload).
 */
@Path("/donate")
public class CheckoutResource {
    private static final String TOKEN = "[0-9a-f]{64}";

    private final SandboxCheckout checkout;
    private final Template page;
    private final Template thanks;
    private final Template missing;
    private final Clock clock;

    public CheckoutResource(
            SandboxCheckout checkout,
            @Location("checkout.html") Template page,
            @Location("thanks.html") Template thanks,
            @Location("missing.html") Template missing,
            Clock clock) {
        this.checkout = checkout;
        this.page = page;
        this.thanks = thanks;
        this.missing = missing;
        this.clock = clock;
    }

    @GET
    @Path("/checkout/{token}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Uni<Response> show(@PathParam("token") String token) {
        if (!token.matches(TOKEN)) {
            return Uni.createFrom().item(notFound());
        }
        return checkout.open(token).map(p -> p == null ? notFound() : html(render(p)));
    }

    @POST
    @Path("/checkout/{token}/{button}")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA, MediaType.WILDCARD})
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Uni<Response> press(@PathParam("token") String token, @PathParam("button") String button) {
        SandboxCheckout.Button pressed = buttonOf(button);
        if (!token.matches(TOKEN) || pressed == null) {
            return Uni.createFrom().item(notFound());
        }
        return checkout.press(token, pressed)
                .map(found -> found
                        ? Response.seeOther(URI.create("/donate/checkout/" + token))
                                .build()
                        : notFound());
    }

    @GET
    @Path("/thanks")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response thanks(@QueryParam("cancelled") boolean cancelled) {
        return html(thanks.data("cancelled", cancelled).render());
    }

    private String render(CheckoutPage p) {
        Donation d = p.state().donation();
        List<DonationCharge> charges = p.state().charges();
        DonationStatus status = d.statusAt(clock.instant());
        return page.data("token", d.checkoutToken)
                .data("donationId", d.id)
                .data("nonprofit", p.organization().name)
                .data("ein", p.organization().ein)
                .data("website", p.organization().website)
                .data("amount", money(d.amountMinor, d.currency))
                .data("tip", d.tipMinor > 0 ? money(d.tipMinor, d.currency) : null)
                .data("total", money(d.amountMinor + d.tipMinor, d.currency))
                .data("monthly", d.freq() == Frequency.MONTHLY)
                .data("donor", d.firstName + " " + d.lastName)
                .data("email", d.donorEmail)
                .data("status", status.name())
                .data("open", status.open())
                .data("completed", status == DonationStatus.COMPLETED)
                // Once decided, the way back to the partner's page (create-link's returnUrl), as a provider sends it.
                .data(
                        "returnHref",
                        d.returnUrl == null || status.open()
                                ? null
                                : ReturnUrls.of(
                                        d.returnUrl,
                                        d.id,
                                        status == DonationStatus.CANCELLED || status == DonationStatus.EXPIRED))
                .data(
                        "charges",
                        charges.stream().map(CheckoutResource::chargeLine).toList())
                .render();
    }

    private static String chargeLine(DonationCharge c) {
        return "Charge " + c.chargeNumber + ": " + c.status + ", " + money(c.amountMinor + c.tipMinor, c.currency)
                + (c.rewardStatus == null
                        ? ""
                        : " (reward " + c.rewardStatus + ", " + c.tokensDistributed + " tokens)");
    }

    private static String money(long minor, String currency) {
        return BigDecimal.valueOf(minor, 2).toPlainString() + " " + currency;
    }

    private static SandboxCheckout.Button buttonOf(String name) {
        return switch (name) {
            case "complete" -> SandboxCheckout.Button.COMPLETE;
            case "fail" -> SandboxCheckout.Button.FAIL;
            case "cancel" -> SandboxCheckout.Button.CANCEL;
            case "next-charge" -> SandboxCheckout.Button.NEXT_CHARGE;
            default -> null;
        };
    }

    private Response notFound() {
        return Response.status(Response.Status.NOT_FOUND)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(missing.render())
                .build();
    }

    private static Response html(String body) {
        return Response.ok(body, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                // The page holds a live capability (its token): never cached, never framed by another site.
                .header("Cache-Control", "no-store")
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }
}
