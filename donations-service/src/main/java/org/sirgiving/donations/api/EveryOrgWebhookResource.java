package org.sirgiving.donations.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;
import org.sirgiving.donations.provider.Provider;
import org.sirgiving.donations.provider.ProviderNotification;
import org.sirgiving.donations.provider.everyorg.EveryOrgSettings;
import org.sirgiving.donations.provider.everyorg.EveryOrgWebhook;
import org.sirgiving.donations.service.DonationMetrics;
import org.sirgiving.donations.service.DonationMetrics.NotificationOutcome;
import org.sirgiving.donations.service.DonationService;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.errors.ErrorCode;

/**
 * every.org's partner webhook endpoint, registered with every.org as
 * {@code <public base>/v1/providers/every-org/webhook?secret=<sir.donations.every-org.webhook-secret>}. Hidden from the
 * partner document. every.org signs nothing (see {@link EveryOrgWebhook}), so the secret in the address is the proof
 * of origin: without it 401. A completed donation we do not know is 404; one that is not about a partner donation
 * (no partnerDonationId) is acknowledged and ignored.
 */
@Path("/v1/providers/every-org/webhook")
public class EveryOrgWebhookResource {
    private static final Logger LOG = Logger.getLogger(EveryOrgWebhookResource.class);

    private final EveryOrgSettings settings;
    private final DonationService donations;
    private final ObjectMapper json;
    private final Clock clock;
    private final DonationMetrics metrics;

    public EveryOrgWebhookResource(
            EveryOrgSettings settings,
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
    public Uni<Map<String, Object>> receive(@QueryParam("secret") String secret, byte[] body) {
        String expected = settings.webhookSecret()
                .orElseThrow(() -> new ApiException(
                        ErrorCode.SERVICE_UNAVAILABLE, "every.org webhooks are not configured on this platform"));
        if (!EveryOrgWebhook.authentic(secret, expected)) {
            LOG.warn("Refused an every.org webhook without the registered secret");
            metrics.notification(Provider.EVERY_ORG, NotificationOutcome.REJECTED);
            throw new ApiException(ErrorCode.INVALID_TOKEN, "This is not the address registered with every.org");
        }
        JsonNode payload;
        try {
            payload = json.readTree(body == null ? new byte[0] : body);
        } catch (IOException notJson) {
            // From every.org (it had the secret) yet unreadable: authentic, and it changes nothing.
            metrics.notification(Provider.EVERY_ORG, NotificationOutcome.IGNORED);
            throw new ApiException(ErrorCode.INVALID_JSON, "The body is not JSON");
        }
        if (payload == null || !payload.isObject()) {
            metrics.notification(Provider.EVERY_ORG, NotificationOutcome.IGNORED);
            throw new ApiException(ErrorCode.INVALID_JSON, "The body is not a JSON object");
        }
        Optional<ProviderNotification> notification = EveryOrgWebhook.toNotification(payload, clock.instant());
        if (notification.isEmpty()) {
            LOG.info("An every.org webhook names no partner donation with a charge and amount; ignored");
            metrics.notification(Provider.EVERY_ORG, NotificationOutcome.IGNORED);
            return Uni.createFrom().item(Map.of("received", true, "handled", false));
        }
        return donations.apply(notification.get()).replaceWith(Map.of("received", true, "handled", true));
    }
}
