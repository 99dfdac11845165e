package org.sirgiving.webhooks.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.jboss.logging.Logger;
import org.sirgiving.events.Environment;
import org.sirgiving.events.payload.ProductionApproved;
import org.sirgiving.kernel.crypto.Crypto;
import org.sirgiving.kernel.persistence.UnitOfWork;
import org.sirgiving.partnerauth.signing.SecretSealer;
import org.sirgiving.webhooks.domain.DisabledReason;
import org.sirgiving.webhooks.domain.WebhookEndpoint;
import org.sirgiving.webhooks.domain.WebhookEventTypes;
import org.sirgiving.webhooks.repository.WebhookEndpointStore;

/**
 * The production endpoint an approved production request sets up at the webhook URL it named (docs/partner-api.md
 * sections 2 and 6): subscribed to every event type, its secret sealed and not yet shown (the partner reveals it once).
 * A URL refused now (its form, or {@link TargetPolicy}: DNS may have changed since the request) does not undo the
 * approval: the endpoint is created inactive, its {@code disabledReason} saying why, for the partner to correct with
 * PATCH. One endpoint per approval, however often the approval is delivered.
 */
@ApplicationScoped
public class ProductionEndpoints {
    private static final Logger LOG = Logger.getLogger(ProductionEndpoints.class);

    private final WebhookEndpointStore endpoints;
    private final TargetPolicy targets;
    private final SecretSealer sealer;
    private final WebhookConfig config;
    private final UnitOfWork work;

    public ProductionEndpoints(
            WebhookEndpointStore endpoints,
            TargetPolicy targets,
            SecretSealer sealer,
            WebhookConfig config,
            UnitOfWork work) {
        this.endpoints = endpoints;
        this.targets = targets;
        this.sealer = sealer;
        this.config = config;
        this.work = work;
    }

    /** Sets up the approval's endpoint; nothing when the request named no URL or the endpoint exists already. */
    public Uni<Void> provision(String partnerId, ProductionApproved approval) {
        if (approval.webhookUrl() == null || approval.webhookUrl().isBlank()) {
            return Uni.createFrom().voidItem();
        }
        String url = approval.webhookUrl().trim();
        // Checked before the transaction: resolving a host may take seconds.
        return refusal(url)
                .chain(refused ->
                        work.write(() -> endpoints.insertProvisioned(endpoint(partnerId, approval, url, refused))))
                .invoke(created -> {
                    if (!created) {
                        LOG.infof(
                                "Production approval %s of partner %s: its endpoint exists already",
                                approval.requestId(), partnerId);
                    }
                })
                .replaceWithVoid();
    }

    /** Why the URL may not receive webhooks, or null when it may. */
    private Uni<String> refusal(String url) {
        String malformed = WebhookUrls.problem(url, config.allowHttp());
        if (malformed != null) {
            return Uni.createFrom().item("the URL " + malformed);
        }
        return targets.resolve(URI.create(url).getHost())
                .map(address -> (String) null)
                .onFailure(TargetPolicy.Refused.class)
                .recoverWithItem(Throwable::getMessage);
    }

    private WebhookEndpoint endpoint(String partnerId, ProductionApproved approval, String url, String refused) {
        Instant now = work.now();
        WebhookEndpoint e = new WebhookEndpoint();
        e.id = "whk_" + Crypto.randomHex(12);
        e.partnerId = partnerId;
        e.environment = Environment.PRODUCTION.wireName();
        e.url = url;
        e.description = "Set up by the approval of production request " + approval.requestId();
        e.eventTypeList(WebhookEventTypes.SUBSCRIBABLE);
        e.receiveAllEvents = false;
        e.headerMap(Map.of());
        e.secretSealed = sealer.seal(EndpointService.newSecret());
        e.secretRevealed = false;
        e.productionRequestId = approval.requestId();
        e.active = true;
        e.createdAt = now;
        e.updatedAt = now;
        if (refused != null) {
            e.disable(DisabledReason.TARGET_REFUSED, refused, now);
        }
        return e;
    }
}
