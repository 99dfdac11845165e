package org.sirgiving.rewards.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.http.Page;
import org.sirgiving.kernel.persistence.UnitOfWork;
import org.sirgiving.rewards.domain.AllocationRequest;
import org.sirgiving.rewards.domain.LedgerEntry;
import org.sirgiving.rewards.domain.PartnerScope;
import org.sirgiving.rewards.domain.TokenPool;
import org.sirgiving.rewards.repository.AllocationRequestStore;
import org.sirgiving.rewards.repository.TokenPoolStore;

/** What partners and operators read of pools, their ledgers and allocation requests; each read in one session. */
@ApplicationScoped
public class PoolQueries {
    private final UnitOfWork work;
    private final TokenPoolStore pools;
    private final AllocationRequestStore requests;

    public PoolQueries(UnitOfWork work, TokenPoolStore pools, AllocationRequestStore requests) {
        this.work = work;
        this.pools = pools;
        this.requests = requests;
    }

    /** The partner's pools of its key's environment (at most one). */
    public Uni<List<TokenPool>> pools(PartnerScope owner) {
        return work.read(() -> pools.listFor(owner.partnerId(), owner.environment()));
    }

    /** The partner's pool; 404 for another partner's, or another environment's. */
    public Uni<TokenPool> pool(PartnerScope owner, String poolId) {
        return work.read(() -> owned(owner, poolId));
    }

    /** The partner's pool's ledger, newest entry first. */
    public Uni<Page<LedgerEntry>> ledger(PartnerScope owner, String poolId, int page, int limit) {
        return work.read(() -> owned(owner, poolId)
                .chain(pool -> pools.ledgerPage(pool.id, page - 1, limit)
                        .chain(entries ->
                                pools.ledgerCount(pool.id).map(total -> new Page<>(entries, page, limit, total)))));
    }

    /** The partner's allocation requests, newest first. */
    public Uni<Page<AllocationRequest>> requests(PartnerScope owner, int page, int limit) {
        return work.read(() -> requests.page(owner, page, limit));
    }

    /** Every pool, or one partner's ({@code partnerId} not null), newest first: for operators. */
    public Uni<Page<TokenPool>> allPools(String partnerId, int page, int limit) {
        return work.read(() -> pools.page(partnerId, page - 1, limit)
                .chain(list -> pools.count(partnerId).map(total -> new Page<>(list, page, limit, total))));
    }

    /** Any partner's pool: for operators. */
    public Uni<TokenPool> anyPool(String poolId) {
        return work.read(() -> pools.findById(poolId)).onItem().ifNull().failWith(PoolQueries::poolNotFound);
    }

    /** Every partner's allocation requests in {@code status}, oldest first: the operators' queue. */
    public Uni<Page<AllocationRequest>> requests(AllocationRequest.Status status, int page, int limit) {
        return work.read(() -> requests.page(status, page, limit));
    }

    private Uni<TokenPool> owned(PartnerScope owner, String poolId) {
        return pools.findOwned(poolId, owner.partnerId(), owner.environment())
                .onItem()
                .ifNull()
                .failWith(PoolQueries::poolNotFound);
    }

    static ApiException poolNotFound() {
        return ApiException.notFound("Token pool");
    }
}
