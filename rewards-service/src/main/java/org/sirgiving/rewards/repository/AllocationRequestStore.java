package org.sirgiving.rewards.repository;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.sirgiving.kernel.http.Page;
import org.sirgiving.rewards.domain.AllocationRequest;
import org.sirgiving.rewards.domain.PartnerScope;

/** Every query of {@code allocation_requests}. */
@ApplicationScoped
public class AllocationRequestStore {

    /** The request the partner made under {@code idempotencyKey}, or null. */
    public Uni<AllocationRequest> findByKey(PartnerScope owner, String idempotencyKey) {
        return AllocationRequest.<AllocationRequest>find(
                        "partnerId = ?1 and environment = ?2 and idempotencyKey = ?3",
                        owner.partnerId(),
                        owner.environmentName(),
                        idempotencyKey)
                .firstResult();
    }

    public Uni<AllocationRequest> insert(AllocationRequest request) {
        return request.persist();
    }

    /** The request locked for a decision (a second operator deciding at once waits, then sees it decided), or null. */
    public Uni<AllocationRequest> lock(String id) {
        return AllocationRequest.<AllocationRequest>find("id", id)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }

    /** The partner's requests, newest first. */
    public Uni<Page<AllocationRequest>> page(PartnerScope owner, int page, int limit) {
        return PageQueries.page(
                AllocationRequest.find(
                        "partnerId = ?1 and environment = ?2 order by createdAt desc, id",
                        owner.partnerId(),
                        owner.environmentName()),
                page,
                limit);
    }

    /** Every partner's requests in {@code status}, oldest first (the operators' queue). */
    public Uni<Page<AllocationRequest>> page(AllocationRequest.Status status, int page, int limit) {
        return PageQueries.page(AllocationRequest.find("status = ?1 order by createdAt, id", status), page, limit);
    }
}
