package org.sirgiving.donations.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;
import org.sirgiving.donations.provider.Provider;
import org.sirgiving.donations.provider.ProviderNotification;
import org.sirgiving.donations.provider.stripe.StripeEvents;
import org.sirgiving.donations.provider.stripe.StripeSettings;
import org.sirgiving.donations.provider.stripe.StripeSignature;
import org.sirgiving.donations.service.DonationMetrics;
import org.sirgiving.donations.service.DonationMetrics.NotificationOutcome;
import org.sirgiving.donations.service.DonationService;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.errors.ErrorCode;

/**
 * Stripe's webhook endpoint. Not a partner operation (hidden from the partner document): Stripe authenticates by the
 * {@code Stripe-Signature} over the raw body, which is therefore read as bytes, before any JSON parsing. Answers as
 * Stripe expects: 2xx once handled or when the event is not one we act on (so Stripe stops sending it), 400 for a
 * request Stripe did not sign, 404 for a donation we do not know and 503 while unconfigured (Stripe retries both).
 */
@Path("/v1/providers/stripe/webhook")
public class StripeWebhookResource {
    private static final Logger LOG = Logger.getLogger(StripeWebhookResource.class);

    private final StripeSettings settings;
    private final DonationService donations;
    private final ObjectMapper json;
    private final Clock clock;
    private final DonationMetrics metrics;

    public StripeWebhookResource(
            StripeSettings settings,
            DonationService donations,
            ObjectMapper json,
            Clock clock,
            DonationMetrics metrics) {
        this.settings = settings;
        this.donations = donations;
        this.json = json;
        this.clock = clock;
        this.metrics = metrics;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Uni<Map<String, Object>> receive(@HeaderParam(StripeSignature.HEADER) String signature, byte[] body) {
        String secret = settings.webhookSecret()
                .orElseThrow(() -> new ApiException(
                        ErrorCode.SERVICE_UNAVAILABLE, "Stripe webhooks are not configured on this platform"));
        byte[] raw = body == null ? new byte[0] : body;
        Optional<StripeSignature.Problem> problem = StripeSignature.check(signature, raw, secret, clock.instant());
        if (problem.isPresent()) {
            LOG.warnf("Refused a Stripe webhook: %s", problem.get());
            // All of Stripe's deliveries refused is a wrong webhook secret: SirDonationNotificationsRejected.
            metrics.notification(Provider.STRIPE, NotificationOutcome.REJECTED);
            throw ApiException.validation(StripeSignature.HEADER, problem.get().message());
        }
        JsonNode event;
        try {
            event = json.readTree(raw);
        } catch (IOException notJson) {
            // Signed by Stripe yet not JSON: nothing we can act on, and a retry would not change it.
            LOG.warn("A signed Stripe webhook body is not JSON; ignored");
            metrics.notification(Provider.STRIPE, NotificationOutcome.IGNORED);
            return Uni.createFrom().item(Map.of("received", true, "handled", false));
        }
        Optional<ProviderNotification> notification = StripeEvents.toNotification(event);
        if (notification.isEmpty()) {
            metrics.notification(Provider.STRIPE, NotificationOutcome.IGNORED);
            return Uni.createFrom().item(Map.of("received", true, "handled", false));
        }
        return donations.apply(notification.get()).replaceWith(Map.of("received", true, "handled", true));
    }
}
