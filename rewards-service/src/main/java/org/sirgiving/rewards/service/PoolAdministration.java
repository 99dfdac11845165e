package org.sirgiving.rewards.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sirgiving.events.Environment;
import org.sirgiving.kernel.crypto.Crypto;
import org.sirgiving.kernel.errors.ApiError;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.errors.ErrorCode;
import org.sirgiving.kernel.idempotency.IdempotentCreates;
import org.sirgiving.kernel.idempotency.IdempotentResult;
import org.sirgiving.kernel.persistence.UnitOfWork;
import org.sirgiving.rewards.domain.AllocationRequest;
import org.sirgiving.rewards.domain.LedgerEntry;
import org.sirgiving.rewards.domain.PartnerApproval;
import org.sirgiving.rewards.domain.PartnerScope;
import org.sirgiving.rewards.domain.TokenPool;
import org.sirgiving.rewards.repository.AllocationRequestStore;
import org.sirgiving.rewards.repository.PartnerApprovalStore;
import org.sirgiving.rewards.repository.TokenPoolStore;

/**
 * Allocation requests (partners ask, operators decide) and the operators' pool administration: creating and funding
 * pools and setting their restrictions. Every token added goes through {@link PoolLedger}. A write answers with the
 * pool as committed, read again in a session of its own (the ledger moves balances with guarded UPDATEs the entity in
 * the writing session does not see).
 */
@ApplicationScoped
public class PoolAdministration {
    private final UnitOfWork work;
    private final IdempotentCreates creates;
    private final AllocationRequestStore requests;
    private final TokenPoolStore pools;
    private final PartnerApprovalStore approvals;
    private final PoolLedger ledger;

    public PoolAdministration(
            UnitOfWork work,
            IdempotentCreates creates,
            AllocationRequestStore requests,
            TokenPoolStore pools,
            PartnerApprovalStore approvals,
            PoolLedger ledger) {
        this.work = work;
        this.creates = creates;
        this.requests = requests;
        this.pools = pools;
        this.approvals = approvals;
        this.ledger = ledger;
    }

    /**
     * A partner's request for tokens for the environment of its key, PENDING until an operator decides; under an
     * {@code idempotencyKey} (null: none) made once for the request with {@code fingerprint}.
     */
    public Uni<IdempotentResult<AllocationRequest>> request(
            PartnerScope owner, NewAllocationRequest request, String idempotencyKey, String fingerprint) {
        IdempotentCreates.Create<AllocationRequest> create = IdempotentCreates.Create.replayable(
                key -> requests.findByKey(owner, key),
                prior -> prior.requestHash,
                () -> requests.insert(pending(owner, request, idempotencyKey, fingerprint)));
        return creates.create(idempotencyKey, fingerprint, create);
    }

    /** Approves a PENDING request: its amount becomes an ALLOCATION entry of the partner's pool for that environment. */
    public Uni<AllocationRequest> approve(String requestId, String operator, String note) {
        return work.write(() -> pending(requestId)
                .chain(r -> pools.findFor(r.partnerId, Environment.fromWire(r.environment))
                        .onItem()
                        .ifNull()
                        .failWith(() -> new ApiException(
                                ErrorCode.CONFLICT,
                                "The partner has no " + r.environment + " pool yet; create it first"))
                        .chain(pool -> {
                            r.decide(AllocationRequest.Status.APPROVED, operator, note, work.now());
                            String reference = "allocation request " + r.id + " approved by " + operator;
                            return ledger.credit(pool.id, r.amount, LedgerEntry.Type.ALLOCATION, null, reference);
                        })
                        .replaceWith(r)));
    }

    public Uni<AllocationRequest> reject(String requestId, String operator, String note) {
        return work.write(() -> pending(requestId)
                .invoke(r -> r.decide(AllocationRequest.Status.REJECTED, operator, note, work.now())));
    }

    /** Creates a partner's pool with its first allocation; production only for a partner approved for production. */
    public Uni<TokenPool> createPool(NewPool pool, String operator) {
        Environment env = pool.environment();
        return work.write(() -> mayHave(pool.partnerId(), env)
                        .chain(() -> ledger.createPool(
                                pool.partnerId(), env, pool.initialAllocation(), "initial allocation by " + operator))
                        .onItem()
                        .ifNull()
                        .failWith(() -> new ApiException(
                                ErrorCode.CONFLICT, "The partner already has a " + env.wireName() + " pool"))
                        .call(created -> pool.restrictions() == null
                                ? Uni.createFrom().voidItem()
                                : restrictLocked(created.id, pool.restrictions())))
                .chain(this::reread);
    }

    public Uni<TokenPool> fund(String poolId, Funding funding, String operator) {
        String reason = funding.reason() == null ? "allocation" : funding.reason();
        return work.write(() -> pools.findById(poolId)
                        .onItem()
                        .ifNull()
                        .failWith(PoolQueries::poolNotFound)
                        .call(pool -> ledger.credit(
                                pool.id,
                                funding.amount(),
                                LedgerEntry.Type.ALLOCATION,
                                null,
                                reason + " (by " + operator + ")")))
                .chain(this::reread);
    }

    public Uni<TokenPool> restrict(String poolId, PoolRestrictions restrictions) {
        return work.write(() -> restrictLocked(poolId, restrictions)).chain(this::reread);
    }

    /** A production pool needs the partner's approved production request (403 PARTNER_NOT_APPROVED); sandbox not. */
    private Uni<Void> mayHave(String partnerId, Environment env) {
        if (env != Environment.PRODUCTION) {
            return Uni.createFrom().voidItem();
        }
        return approvals
                .findById(partnerId)
                .invoke(PoolAdministration::requireProductionApproval)
                .replaceWithVoid();
    }

    private static void requireProductionApproval(PartnerApproval approval) {
        if (approval == null || !approval.productionApproved) {
            throw new ApiException(
                    ErrorCode.PARTNER_NOT_APPROVED, "The partner's production request has not been approved");
        }
    }

    /**
     * Sets the restrictions on the locked row; only the changed columns are written (the balance stays the
     * ledger's). A pool left under a newly enabled auto-refill threshold is refilled at once.
     */
    private Uni<TokenPool> restrictLocked(String poolId, PoolRestrictions r) {
        return pools.findByIdForUpdate(poolId)
                .onItem()
                .ifNull()
                .failWith(PoolQueries::poolNotFound)
                .invoke(pool -> {
                    apply(pool, r);
                    pool.updatedAt = work.now();
                })
                .call(ledger::refillIfUnder);
    }

    /** The restrictions given (null: unchanged), checked against each other and the pool's others (400). */
    private static void apply(TokenPool pool, PoolRestrictions r) {
        if (r.lowBalanceThreshold() != null) {
            pool.lowBalanceThreshold = r.lowBalanceThreshold() == 0 ? null : r.lowBalanceThreshold();
        }
        if (r.autoRefill() != null) {
            apply(pool, r.autoRefill());
        }
        if (r.vestingDays() != null) {
            pool.vestingDays = r.vestingDays();
        }
        if (r.tokenExpiryDays() != null) {
            pool.tokenExpiryDays = r.tokenExpiryDays() == 0 ? null : r.tokenExpiryDays();
        }
        if (pool.tokenExpiryDays != null && pool.tokenExpiryDays <= pool.vestingDays) {
            // Tokens would expire before they could be used.
            throw ApiException.validation(
                    "tokenExpiryDays", "must be more than vestingDays (" + pool.vestingDays + ")");
        }
        if (r.status() != null) {
            pool.status = r.status();
        }
    }

    private static void apply(TokenPool pool, PoolRestrictions.AutoRefill refill) {
        List<ApiError.FieldError> errors = new ArrayList<>();
        if (refill.enabled() && refill.threshold() == null) {
            errors.add(new ApiError.FieldError("autoRefill.threshold", "is required when auto-refill is enabled"));
        }
        if (refill.enabled() && refill.amount() == null) {
            errors.add(new ApiError.FieldError("autoRefill.amount", "is required when auto-refill is enabled"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        pool.autoRefillEnabled = refill.enabled();
        if (refill.threshold() != null) {
            pool.autoRefillThreshold = refill.threshold();
        }
        if (refill.amount() != null) {
            pool.autoRefillAmount = refill.amount();
        }
    }

    /** The pool as committed, read in a session of its own (the ledger moved its balance with native UPDATEs). */
    private Uni<TokenPool> reread(TokenPool pool) {
        return work.read(() -> pools.findById(pool.id));
    }

    private Uni<AllocationRequest> pending(String requestId) {
        return requests.lock(requestId)
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("Allocation request"))
                .invoke(r -> {
                    if (r.status != AllocationRequest.Status.PENDING) {
                        throw new ApiException(
                                ErrorCode.CONFLICT,
                                "The request was already " + r.status.name().toLowerCase(Locale.ROOT));
                    }
                });
    }

    private AllocationRequest pending(
            PartnerScope owner, NewAllocationRequest request, String idempotencyKey, String fingerprint) {
        AllocationRequest r = new AllocationRequest();
        r.id = "areq_" + Crypto.randomHex(12);
        r.partnerId = owner.partnerId();
        r.environment = owner.environmentName();
        r.amount = request.amount();
        r.reason = request.reason();
        r.status = AllocationRequest.Status.PENDING;
        r.idempotencyKey = idempotencyKey;
        r.requestHash = idempotencyKey == null ? null : fingerprint;
        r.createdAt = work.now();
        return r;
    }
}
