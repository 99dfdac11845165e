package org.sirgiving.rewards.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.sirgiving.events.Environment;
import org.sirgiving.kernel.crypto.Crypto;
import org.sirgiving.kernel.errors.ApiError;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.errors.ErrorCode;
import org.sirgiving.partnerauth.auth.AuthenticatedPartner;
import org.sirgiving.rewards.api.PoolDtos;
import org.sirgiving.rewards.domain.AllocationRequest;
import org.sirgiving.rewards.domain.LedgerEntry;
import org.sirgiving.rewards.domain.PartnerApproval;
import org.sirgiving.rewards.domain.TokenPool;

/**
 * Allocation requests (partners ask, operators decide) and the operators' pool administration: creating and funding
 * pools and setting their restrictions. Every token added goes through {@link PoolLedger}.
 */
@ApplicationScoped
public class PoolAdministration {
    private final PoolLedger ledger;
    private final Clock clock;

    public record Requested(AllocationRequest request, boolean replayed) {}

    public PoolAdministration(PoolLedger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    /** A partner's request for tokens for the environment of its key; idempotent with an {@code Idempotency-Key}. */
    public Uni<Requested> request(
            AuthenticatedPartner p, PoolDtos.RequestAllocation body, String idempotencyKey, String requestHash) {
        String env = p.environment().wireName();
        return Panache.withTransaction(() -> (idempotencyKey == null
                        ? Uni.createFrom().<AllocationRequest>nullItem()
                        : AllocationRequest.<AllocationRequest>find(
                                        "partnerId = ?1 and environment = ?2 and idempotencyKey = ?3",
                                        p.partnerId(),
                                        env,
                                        idempotencyKey)
                                .firstResult())
                .chain(prior -> {
                    if (prior != null) {
                        if (!prior.requestHash.equals(requestHash)) {
                            return Uni.createFrom().failure(ApiException.keyReused());
                        }
                        return Uni.createFrom().item(new Requested(prior, true));
                    }
                    AllocationRequest r = new AllocationRequest();
                    r.id = "areq_" + Crypto.randomHex(12);
                    r.partnerId = p.partnerId();
                    r.environment = env;
                    r.amount = body.amount();
                    r.reason = body.reason();
                    r.status = AllocationRequest.PENDING;
                    r.idempotencyKey = idempotencyKey;
                    r.requestHash = idempotencyKey == null ? null : requestHash;
                    r.createdAt = clock.instant();
                    return r.<AllocationRequest>persist().map(x -> new Requested(r, false));
                }));
    }

    /** Approves a PENDING request: its amount becomes an ALLOCATION entry of the partner's pool for that environment. */
    public Uni<AllocationRequest> approve(String requestId, String operator, String note) {
        return Panache.withTransaction(() -> pending(requestId)
                .chain(r -> TokenPool.findFor(r.partnerId, Environment.fromWire(r.environment))
                        .chain(pool -> {
                            if (pool == null) {
                                return Uni.createFrom()
                                        .failure(new ApiException(
                                                ErrorCode.CONFLICT,
                                                "The partner has no " + r.environment + " pool yet; create it first"));
                            }
                            decide(r, AllocationRequest.APPROVED, operator, note);
                            return ledger.credit(
                                            pool.id,
                                            r.amount,
                                            LedgerEntry.Type.ALLOCATION,
                                            null,
                                            "allocation request " + r.id + " approved by " + operator)
                                    .replaceWith(r);
                        })));
    }

    public Uni<AllocationRequest> reject(String requestId, String operator, String note) {
        return Panache.withTransaction(() -> pending(requestId).map(r -> {
            decide(r, AllocationRequest.REJECTED, operator, note);
            return r;
        }));
    }

    /** Creates a partner's pool with its first allocation; production only for a partner approved for production. */
    public Uni<TokenPool> createPool(PoolDtos.CreatePool body, String operator) {
        Environment env =
                body.environment() == null ? Environment.PRODUCTION : Environment.fromWire(body.environment());
        return Panache.withTransaction(() -> (env == Environment.PRODUCTION
                                ? PartnerApproval.<PartnerApproval>findById(body.partnerId())
                                        .invoke(a -> {
                                            if (a == null || !a.productionApproved) {
                                                throw new ApiException(
                                                        ErrorCode.PARTNER_NOT_APPROVED,
                                                        "The partner's production request has not been approved");
                                            }
                                        })
                                        .replaceWithVoid()
                                : Uni.createFrom().voidItem())
                        .chain(() -> ledger.createPool(
                                body.partnerId(), env, body.initialAllocation(), "initial allocation by " + operator))
                        .onItem()
                        .ifNull()
                        .failWith(() -> new ApiException(
                                ErrorCode.CONFLICT, "The partner already has a " + env.wireName() + " pool"))
                        .chain(pool -> body.restrictions() == null
                                ? Uni.createFrom().item(pool)
                                : restrictLocked(pool.id, body.restrictions())))
                .chain(PoolAdministration::reread);
    }

    public Uni<TokenPool> fund(String poolId, PoolDtos.Fund body, String operator) {
        return Panache.withTransaction(() -> pool(poolId)
                        .call(pool -> ledger.credit(
                                pool.id,
                                body.amount(),
                                LedgerEntry.Type.ALLOCATION,
                                null,
                                (body.reason() == null ? "allocation" : body.reason()) + " (by " + operator + ")")))
                .chain(PoolAdministration::reread);
    }

    public Uni<TokenPool> restrict(String poolId, PoolDtos.Restrictions body) {
        return Panache.withTransaction(() -> restrictLocked(poolId, body)).chain(PoolAdministration::reread);
    }

    private Uni<TokenPool> restrictLocked(String poolId, PoolDtos.Restrictions r) {
        // The row is locked and only the changed columns are written (@DynamicUpdate): the balance stays the ledger's.
        return TokenPool.<TokenPool>find("id", poolId)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult()
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("Token pool"))
                .chain(pool -> {
                    if (r.lowBalanceThreshold() != null) {
                        pool.lowBalanceThreshold = r.lowBalanceThreshold() == 0 ? null : r.lowBalanceThreshold();
                    }
                    if (r.autoRefill() != null) {
                        List<ApiError.FieldError> errors = new ArrayList<>();
                        if (r.autoRefill().enabled() && r.autoRefill().threshold() == null) {
                            errors.add(new ApiError.FieldError(
                                    "autoRefill.threshold", "is required when auto-refill is enabled"));
                        }
                        if (r.autoRefill().enabled() && r.autoRefill().amount() == null) {
                            errors.add(new ApiError.FieldError(
                                    "autoRefill.amount", "is required when auto-refill is enabled"));
                        }
                        if (!errors.isEmpty()) {
                            throw ApiException.validation(errors);
                        }
                        pool.autoRefillEnabled = r.autoRefill().enabled();
                        if (r.autoRefill().threshold() != null) {
                            pool.autoRefillThreshold = r.autoRefill().threshold();
                        }
                        if (r.autoRefill().amount() != null) {
                            pool.autoRefillAmount = r.autoRefill().amount();
                        }
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
                    pool.updatedAt = clock.instant();
                    // Written before the ledger's own UPDATE (which may refill the pool).
                    return Panache.getSession()
                            .chain(s -> s.flush())
                            .chain(() -> ledger.refillIfUnder(pool))
                            .replaceWith(pool);
                });
    }

    /** The pool as committed, read in a session of its own (the ledger moved its balance with native UPDATEs). */
    private static Uni<TokenPool> reread(TokenPool pool) {
        return Panache.withSession(() -> TokenPool.findById(pool.id));
    }

    private Uni<AllocationRequest> pending(String requestId) {
        return AllocationRequest.<AllocationRequest>find("id", requestId)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult()
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("Allocation request"))
                .invoke(r -> {
                    if (!AllocationRequest.PENDING.equals(r.status)) {
                        throw new ApiException(ErrorCode.CONFLICT, "The request was already " + r.status.toLowerCase());
                    }
                });
    }

    private void decide(AllocationRequest r, String status, String operator, String note) {
        r.status = status;
        r.decidedBy = operator;
        r.decidedAt = clock.instant();
        r.decisionNote = note;
    }

    private static Uni<TokenPool> pool(String poolId) {
        return TokenPool.<TokenPool>findById(poolId)
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("Token pool"));
    }
}
