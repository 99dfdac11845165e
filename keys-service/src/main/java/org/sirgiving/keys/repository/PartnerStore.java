package org.sirgiving.keys.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import org.sirgiving.keys.domain.OperatorDecision;
import org.sirgiving.keys.domain.Partner;
import org.sirgiving.keys.domain.ProductionRequest;
import org.sirgiving.keys.domain.RequestStatus;

/**
 * Partners with their production requests and the operators' audit trail (tables partners, production_requests,
 * operator_decisions).
 */
@ApplicationScoped
public class PartnerStore {

    public Uni<Partner> byId(String partnerId) {
        return Partner.findById(partnerId);
    }

    /** The partner's per-minute rate limit as stored (null for an unknown partner). */
    public Uni<Integer> rateLimitOf(String partnerId) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("SELECT rate_limit FROM partners WHERE id = :id", Integer.class)
                        .setParameter("id", partnerId)
                        .getSingleResultOrNull());
    }

    public Uni<Partner> byOwner(String subject) {
        return Partner.find("ownerSubject", subject).firstResult();
    }

    /**
     * For a transaction that changes the partner or any of its keys: the row stays locked until it ends, so that
     * changes to one partner are decided (and their credential versions taken) one after the other, each on the
     * state the previous one committed. A suspension can then never be undone by a concurrent edit.
     */
    public Uni<Partner> byOwnerForUpdate(String subject) {
        return Partner.find("ownerSubject", subject)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }

    /** The same lock, for an operator's change (found by id). */
    public Uni<Partner> byIdForUpdate(String partnerId) {
        return Partner.findById(partnerId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Newest first. */
    public Uni<List<Partner>> all() {
        return Partner.<Partner>find("order by createdAt desc").list();
    }

    public Uni<Partner> insert(Partner partner) {
        return partner.persist();
    }

    public Uni<Boolean> hasPendingRequest(String partnerId) {
        return ProductionRequest.count("partnerId = ?1 and status = ?2", partnerId, RequestStatus.PENDING)
                .map(n -> n > 0);
    }

    /** Locked: the request is decided once. */
    public Uni<ProductionRequest> requestForUpdate(String requestId) {
        return ProductionRequest.findById(requestId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** A partner's requests, newest first. */
    public Uni<List<ProductionRequest>> requestsOf(String partnerId) {
        return ProductionRequest.<ProductionRequest>find("partnerId = ?1 order by createdAt desc", partnerId)
                .list();
    }

    /** The partner's newest request, or null when it filed none. */
    public Uni<ProductionRequest> newestRequestOf(String partnerId) {
        return ProductionRequest.<ProductionRequest>find("partnerId = ?1 order by createdAt desc, id desc", partnerId)
                .firstResult();
    }

    /** Oldest first, as operators work through them; every status when {@code status} is null. */
    public Uni<List<ProductionRequest>> requests(RequestStatus status) {
        if (status == null) {
            return ProductionRequest.<ProductionRequest>find("order by createdAt")
                    .list();
        }
        return ProductionRequest.<ProductionRequest>find("status = ?1 order by createdAt", status)
                .list();
    }

    public Uni<ProductionRequest> insert(ProductionRequest request) {
        return request.persist();
    }

    /** Appends to the audit trail (never updated). */
    public Uni<Void> record(OperatorDecision decision) {
        return decision.persist().replaceWithVoid();
    }

    /** Newest first. */
    public Uni<List<OperatorDecision>> decisionsOf(String partnerId) {
        return OperatorDecision.<OperatorDecision>find("partnerId = ?1 order by createdAt desc", partnerId)
                .list();
    }
}
