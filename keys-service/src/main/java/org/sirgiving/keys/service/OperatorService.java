package org.sirgiving.keys.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.sirgiving.events.Environment;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventJson;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.Feature;
import org.sirgiving.events.PartnerStatus;
import org.sirgiving.events.Topics;
import org.sirgiving.events.payload.ProductionApproved;
import org.sirgiving.kernel.crypto.Crypto;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.errors.ErrorCode;
import org.sirgiving.kernel.persistence.UnitOfWork;
import org.sirgiving.keys.domain.DecisionKind;
import org.sirgiving.keys.domain.OperatorDecision;
import org.sirgiving.keys.domain.Partner;
import org.sirgiving.keys.domain.ProductionRequest;
import org.sirgiving.keys.domain.RequestStatus;
import org.sirgiving.keys.repository.PartnerStore;
import org.sirgiving.outbox.Outbox;

/**
 * Operator decisions on partners. Each one changes the partner, republishes its keys' state (so every service
 * applies it within moments) and appends an audit record, all in one transaction.
 */
@ApplicationScoped
public class OperatorService {
    private final UnitOfWork tx;
    private final PartnerStore partners;
    private final CredentialPublisher credentials;
    private final Outbox outbox;
    private final long defaultPoolAllocation;

    public OperatorService(
            UnitOfWork tx,
            PartnerStore partners,
            CredentialPublisher credentials,
            Outbox outbox,
            @ConfigProperty(name = "sir.keys.production-pool-allocation") long defaultPoolAllocation) {
        this.tx = tx;
        this.partners = partners;
        this.credentials = credentials;
        this.outbox = outbox;
        this.defaultPoolAllocation = defaultPoolAllocation;
    }

    /** Production requests, oldest first; all of them when {@code status} is null. */
    public Uni<List<ProductionRequest>> requests(RequestStatus status) {
        return tx.read(() -> partners.requests(status));
    }

    public Uni<List<Partner>> partners() {
        return tx.read(partners::all);
    }

    public Uni<List<OperatorDecision>> decisions(String partnerId) {
        return tx.read(() -> partners.decisionsOf(partnerId));
    }

    /**
     * Approves production: the partner becomes ACTIVE with its tier and rate limit and may create live keys, and
     * {@code partner.production_approved} goes out through the outbox of the same transaction, so that rewards-service
     * creates the production pool and webhook-dispatcher the production endpoint (docs/partner-api.md section 2).
     * The operator sees one decision: it commits whole or not at all, and the rest follows from the event.
     */
    public Uni<ProductionRequest> approve(String operator, String requestId, Approval approval, String correlationId) {
        long allocation = approval.productionPoolAllocation() != null
                ? approval.productionPoolAllocation()
                : defaultPoolAllocation;
        return tx.write(() -> pending(requestId)
                .chain(req -> partners.byIdForUpdate(req.partnerId).chain(p -> {
                    Instant now = tx.now();
                    req.decide(RequestStatus.APPROVED, operator, approval.note(), now);
                    req.productionPoolAllocation = allocation;
                    p.approveForProduction(approval.tier(), approval.rateLimit(), req, now);
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("tier", p.tier.name());
                    details.put("rateLimit", p.rateLimit);
                    details.put("productionPoolAllocation", allocation);
                    details.put("webhookUrl", req.webhookUrl);
                    return audit(p.id, req.id, operator, DecisionKind.APPROVE_PRODUCTION, approval.note(), details)
                            .chain(() -> credentials.publishAll(p, correlationId))
                            .chain(() -> outbox.enqueue(Topics.PARTNERS, p.id, approved(req, correlationId)))
                            .replaceWith(req);
                })));
    }

    /** One decision, one event id: a re-publication of this approval is the same event. */
    private static EventEnvelope approved(ProductionRequest req, String correlationId) {
        ProductionApproved data = new ProductionApproved(
                req.id, req.productionPoolAllocation, req.webhookUrl, req.decidedBy, req.decidedAt);
        return EventEnvelope.decided(
                req.id,
                EventTypes.PARTNER_PRODUCTION_APPROVED,
                req.partnerId,
                Environment.PRODUCTION,
                correlationId,
                data);
    }

    public Uni<ProductionRequest> reject(String operator, String requestId, String reason) {
        return tx.write(() -> pending(requestId).chain(req -> {
            req.decide(RequestStatus.REJECTED, operator, reason, tx.now());
            return audit(req.partnerId, req.id, operator, DecisionKind.REJECT_PRODUCTION, reason, Map.of())
                    .replaceWith(req);
        }));
    }

    /** Suspends a partner: every key of it fails with 403 PARTNER_SUSPENDED in every service. */
    public Uni<Partner> suspend(String operator, String partnerId, String reason, String correlationId) {
        return changeStatus(
                operator, partnerId, reason, correlationId, DecisionKind.SUSPEND, p -> PartnerStatus.SUSPENDED);
    }

    /** Lifts a suspension: back to ACTIVE when production was approved, else to PENDING_APPROVAL. */
    public Uni<Partner> reactivate(String operator, String partnerId, String reason, String correlationId) {
        return changeStatus(
                operator,
                partnerId,
                reason,
                correlationId,
                DecisionKind.REACTIVATE,
                p -> p.productionApproved ? PartnerStatus.ACTIVE : PartnerStatus.PENDING_APPROVAL);
    }

    /** Operator-only partner settings: IP allowlist, enabled features, rate limit. */
    public Uni<Partner> updateSettings(String operator, String partnerId, SettingsChange change, String correlationId) {
        return tx.write(() -> partner(partnerId).chain(p -> {
            if (change.ipAllowlist() != null) {
                p.ipAllowlist = String.join(",", change.ipAllowlist());
            }
            if (change.enabledFeatures() != null) {
                p.enableOnly(change.enabledFeatures());
            }
            if (change.rateLimit() != null) {
                p.rateLimit = change.rateLimit();
            }
            p.updatedAt = tx.now();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("ipAllowlist", p.allowedIps());
            details.put("enabledFeatures", Feature.names(p.features()));
            details.put("rateLimit", p.rateLimit);
            return audit(p.id, null, operator, DecisionKind.UPDATE_SETTINGS, change.reason(), details)
                    .chain(() -> credentials.publishAll(p, correlationId))
                    .replaceWith(p);
        }));
    }

    private Uni<Partner> changeStatus(
            String operator,
            String partnerId,
            String reason,
            String correlationId,
            DecisionKind decision,
            Function<Partner, PartnerStatus> next) {
        return tx.write(() -> partner(partnerId).chain(p -> {
            p.status = next.apply(p);
            p.updatedAt = tx.now();
            return audit(p.id, null, operator, decision, reason, Map.of("status", p.status.name()))
                    .chain(() -> credentials.publishAll(p, correlationId))
                    .replaceWith(p);
        }));
    }

    /** The partner, locked for the decision. */
    private Uni<Partner> partner(String partnerId) {
        return partners.byIdForUpdate(partnerId).onItem().ifNull().failWith(() -> ApiException.notFound("Partner"));
    }

    /** The request, locked, when it is still pending: a request is decided once. */
    private Uni<ProductionRequest> pending(String requestId) {
        return partners.requestForUpdate(requestId)
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("Production request"))
                .invoke(r -> {
                    if (r.status != RequestStatus.PENDING) {
                        throw new ApiException(
                                ErrorCode.CONFLICT,
                                "This request was already " + r.status.name().toLowerCase(Locale.ROOT));
                    }
                });
    }

    private Uni<Void> audit(
            String partnerId,
            String requestId,
            String operator,
            DecisionKind decision,
            String reason,
            Map<String, ?> details) {
        OperatorDecision d = new OperatorDecision();
        d.id = "dec_" + Crypto.randomHex(12);
        d.partnerId = partnerId;
        d.requestId = requestId;
        d.operatorSubject = operator;
        d.decision = decision;
        d.reason = reason;
        d.details = EventJson.write(details);
        d.createdAt = tx.now();
        return partners.record(d);
    }
}
