package org.sirgiving.keys.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.sirgiving.events.EventJson;
import org.sirgiving.kernel.crypto.Crypto;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.errors.ErrorCode;
import org.sirgiving.kernel.persistence.UnitOfWork;
import org.sirgiving.keys.domain.OperatorDecision;
import org.sirgiving.keys.domain.Partner;
import org.sirgiving.keys.domain.PartnerStatus;
import org.sirgiving.keys.domain.ProductionRequest;
import org.sirgiving.keys.domain.Tier;
import org.sirgiving.keys.messaging.CredentialPublisher;

/**
 * Operator decisions on partners. Each one changes the partner, republishes its keys' state (so every service
 * applies it within moments) and appends an audit record, all in one transaction.
 */
@ApplicationScoped
public class OperatorService {
    private final UnitOfWork tx;
    private final CredentialPublisher credentials;
    private final Clock clock;

    public OperatorService(UnitOfWork tx, CredentialPublisher credentials, Clock clock) {
        this.tx = tx;
        this.credentials = credentials;
        this.clock = clock;
    }

    @WithSession
    public Uni<List<ProductionRequest>> requests(String status) {
        return status == null
                ? ProductionRequest.<ProductionRequest>find("order by createdAt")
                        .list()
                : ProductionRequest.<ProductionRequest>find("status = ?1 order by createdAt", status)
                        .list();
    }

    @WithSession
    public Uni<List<Partner>> partners() {
        return Partner.<Partner>find("order by createdAt desc").list();
    }

    @WithSession
    public Uni<List<OperatorDecision>> decisions(String partnerId) {
        return OperatorDecision.<OperatorDecision>find("partnerId = ?1 order by createdAt desc", partnerId)
                .list();
    }

    /** Approves production: the partner becomes ACTIVE with its tier and rate limit, and may create live keys. */
    public Uni<ProductionRequest> approve(
            String operator, String requestId, Tier tier, Integer rateLimit, String note, String correlationId) {
        return tx.write(() -> pending(requestId)
                .chain(req -> Partner.lockById(req.partnerId).chain(p -> {
                    Instant now = clock.instant();
                    req.status = ProductionRequest.APPROVED;
                    req.decidedBy = operator;
                    req.decidedAt = now;
                    req.decisionReason = note;
                    p.productionApproved = true;
                    if (p.status != PartnerStatus.SUSPENDED) {
                        p.status = PartnerStatus.ACTIVE;
                    }
                    p.tier = tier;
                    p.rateLimit = rateLimit != null ? rateLimit : tier.defaultRateLimit();
                    p.contactEmail = req.contactEmail;
                    p.webhookUrl = req.webhookUrl;
                    p.updatedAt = now;
                    return audit(
                                    p.id,
                                    req.id,
                                    operator,
                                    "APPROVE_PRODUCTION",
                                    note,
                                    Map.of("tier", tier.name(), "rateLimit", p.rateLimit))
                            .chain(() -> credentials.publishAll(p, correlationId))
                            .replaceWith(req);
                })));
    }

    public Uni<ProductionRequest> reject(String operator, String requestId, String reason) {
        return tx.write(() -> pending(requestId).chain(req -> {
            req.status = ProductionRequest.REJECTED;
            req.decidedBy = operator;
            req.decidedAt = clock.instant();
            req.decisionReason = reason;
            return audit(req.partnerId, req.id, operator, "REJECT_PRODUCTION", reason, Map.of())
                    .replaceWith(req);
        }));
    }

    /** Suspends a partner: every key of it fails with 403 PARTNER_SUSPENDED in every service. */
    public Uni<Partner> suspend(String operator, String partnerId, String reason, String correlationId) {
        return changeStatus(operator, partnerId, reason, correlationId, "SUSPEND", p -> PartnerStatus.SUSPENDED);
    }

    /** Lifts a suspension: back to ACTIVE when production was approved, else to PENDING_APPROVAL. */
    public Uni<Partner> reactivate(String operator, String partnerId, String reason, String correlationId) {
        return changeStatus(
                operator,
                partnerId,
                reason,
                correlationId,
                "REACTIVATE",
                p -> p.productionApproved ? PartnerStatus.ACTIVE : PartnerStatus.PENDING_APPROVAL);
    }

    /** Operator-only partner settings: IP allowlist, enabled features, rate limit. */
    public Uni<Partner> updateSettings(
            String operator,
            String partnerId,
            List<String> ipAllowlist,
            List<String> enabledFeatures,
            Integer rateLimit,
            String reason,
            String correlationId) {
        return tx.write(() -> partner(partnerId).chain(p -> {
            if (ipAllowlist != null) {
                p.ipAllowlist = String.join(",", ipAllowlist);
            }
            if (enabledFeatures != null) {
                p.enabledFeatures = String.join(",", enabledFeatures);
            }
            if (rateLimit != null) {
                p.rateLimit = rateLimit;
            }
            p.updatedAt = clock.instant();
            java.util.Map<String, Object> details = new java.util.LinkedHashMap<>();
            details.put("ipAllowlist", p.allowedIps());
            details.put("enabledFeatures", p.features());
            details.put("rateLimit", p.rateLimit);
            return audit(p.id, null, operator, "UPDATE_SETTINGS", reason, details)
                    .chain(() -> credentials.publishAll(p, correlationId))
                    .replaceWith(p);
        }));
    }

    private Uni<Partner> changeStatus(
            String operator,
            String partnerId,
            String reason,
            String correlationId,
            String decision,
            java.util.function.Function<Partner, PartnerStatus> next) {
        return tx.write(() -> partner(partnerId).chain(p -> {
            p.status = next.apply(p);
            p.updatedAt = clock.instant();
            return audit(p.id, null, operator, decision, reason, Map.of("status", p.status.name()))
                    .chain(() -> credentials.publishAll(p, correlationId))
                    .replaceWith(p);
        }));
    }

    private static Uni<Partner> partner(String partnerId) {
        return Partner.lockById(partnerId).onItem().ifNull().failWith(() -> ApiException.notFound("Partner"));
    }

    private static Uni<ProductionRequest> pending(String requestId) {
        return ProductionRequest.<ProductionRequest>findById(
                        requestId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("Production request"))
                .invoke(r -> {
                    if (!ProductionRequest.PENDING.equals(r.status)) {
                        throw new ApiException(
                                ErrorCode.CONFLICT, "This request was already " + r.status.toLowerCase());
                    }
                });
    }

    private Uni<Void> audit(
            String partnerId,
            String requestId,
            String operator,
            String decision,
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
        d.createdAt = clock.instant();
        return d.persist().replaceWithVoid();
    }
}
