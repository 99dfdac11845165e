package org.sirgiving.rewards.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sirgiving.events.payload.CampaignLifecycle;
import org.sirgiving.kernel.crypto.Crypto;
import org.sirgiving.kernel.errors.ApiError;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.errors.ErrorCode;
import org.sirgiving.kernel.http.Page;
import org.sirgiving.kernel.idempotency.IdempotentCreates;
import org.sirgiving.kernel.idempotency.IdempotentResult;
import org.sirgiving.kernel.persistence.UnitOfWork;
import org.sirgiving.rewards.domain.Campaign;
import org.sirgiving.rewards.domain.PartnerScope;
import org.sirgiving.rewards.repository.CampaignStore;

/**
 * Partners' campaigns: field rules that span fields (splits sum to 100, schedule order, budget covers what was
 * spent), the status transitions of {@link Campaign#canMove}, creates under an optional {@code Idempotency-Key}
 * ({@link IdempotentCreates}), and the lifecycle events a change makes due ({@link CampaignSchedule#announce}), each
 * write in one transaction.
 */
@ApplicationScoped
public class CampaignService {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final UnitOfWork work;
    private final IdempotentCreates creates;
    private final CampaignStore campaigns;
    private final CampaignSchedule schedule;

    public CampaignService(
            UnitOfWork work, IdempotentCreates creates, CampaignStore campaigns, CampaignSchedule schedule) {
        this.work = work;
        this.creates = creates;
        this.campaigns = campaigns;
        this.schedule = schedule;
    }

    /** The partner's campaigns, newest first, of one status (null: all). */
    public Uni<Page<Campaign>> list(PartnerScope owner, Campaign.Status status, int page, int limit) {
        return work.read(() -> campaigns.page(owner, status, page, limit));
    }

    public Uni<Campaign> get(PartnerScope owner, String id) {
        return work.read(() -> campaigns.find(owner, id)).onItem().ifNull().failWith(CampaignService::notFound);
    }

    /**
     * Creates the campaign, or finds the one created earlier under {@code idempotencyKey} (null: none) for the request
     * with {@code fingerprint}.
     */
    public Uni<IdempotentResult<Campaign>> create(
            PartnerScope owner, NewCampaign request, String idempotencyKey, String fingerprint, String correlationId) {
        IdempotentCreates.Create<Campaign> create = IdempotentCreates.Create.replayable(
                key -> campaigns.findByKey(owner, key),
                prior -> prior.requestHash,
                () -> insert(owner, request, idempotencyKey, fingerprint, correlationId));
        return creates.create(idempotencyKey, fingerprint, create);
    }

    /** The campaign made from the request, stored with the key and the request's fingerprint (null without a key). */
    private Uni<Campaign> insert(
            PartnerScope owner, NewCampaign request, String idempotencyKey, String fingerprint, String correlationId) {
        Instant now = work.now();
        return Uni.createFrom()
                .item(() -> campaign(owner, request, now))
                .invoke(c -> {
                    c.idempotencyKey = idempotencyKey;
                    c.requestHash = idempotencyKey == null ? null : fingerprint;
                })
                .call(campaigns::insert)
                .call(c -> schedule.announce(c, now, CampaignLifecycle.REASON_PARTNER, correlationId));
    }

    public Uni<Campaign> update(PartnerScope owner, String id, CampaignChanges changes, String correlationId) {
        return work.write(() -> locked(owner, id).chain(c -> change(c, changes, correlationId)));
    }

    /** Only a DRAFT campaign can be deleted: one that ran is kept (rewards name it) and is ENDED instead. */
    public Uni<Void> delete(PartnerScope owner, String id) {
        return work.write(() -> locked(owner, id).chain(c -> {
            if (c.status != Campaign.Status.DRAFT) {
                throw new ApiException(
                        ErrorCode.CONFLICT, "Only a DRAFT campaign can be deleted; set its status to ENDED instead");
            }
            return campaigns.delete(c);
        }));
    }

    /** A new campaign from the request, checked by {@link #validate}. */
    private static Campaign campaign(PartnerScope owner, NewCampaign r, Instant now) {
        Campaign c = new Campaign();
        c.id = "camp_" + Crypto.randomHex(12);
        c.partnerId = owner.partnerId();
        c.environment = owner.environmentName();
        c.name = r.name();
        c.status = r.status() == null ? Campaign.Status.DRAFT : r.status();
        c.actionTypes(r.actionTypes());
        c.multiplier = r.multiplier() == null ? BigDecimal.ONE : r.multiplier();
        c.splits(r.splits());
        c.tiers(r.tiers());
        c.startsAt = r.startsAt();
        c.endsAt = r.endsAt();
        c.budget = r.budget();
        c.priority = r.priority() == null ? 0 : r.priority();
        c.createdAt = now;
        c.updatedAt = now;
        validate(c, r.endsAt() != null, now);
        return c;
    }

    private Uni<Campaign> change(Campaign c, CampaignChanges changes, String correlationId) {
        if (c.status == Campaign.Status.ENDED) {
            throw new ApiException(ErrorCode.CONFLICT, "An ENDED campaign cannot change");
        }
        Instant now = work.now();
        if (changes.status() != null) {
            move(c, changes.status());
        }
        apply(c, changes);
        c.updatedAt = now;
        // Ending it needs no valid schedule; anything else must leave a campaign that could run.
        if (c.status != Campaign.Status.ENDED) {
            boolean activating = changes.status() != null && c.status == Campaign.Status.ACTIVE;
            validate(c, changes.endsAt() != null || activating, now);
        }
        return schedule.announce(c, now, CampaignLifecycle.REASON_PARTNER, correlationId)
                .replaceWith(c);
    }

    private static void move(Campaign c, Campaign.Status to) {
        if (!Campaign.canMove(c.status, to)) {
            throw new ApiException(
                    ErrorCode.CONFLICT,
                    "A " + c.status + " campaign cannot become " + to
                            + " (DRAFT → ACTIVE ⇄ PAUSED, any → ENDED; ENDED is final)");
        }
        c.status = to;
    }

    private static void apply(Campaign c, CampaignChanges changes) {
        if (changes.name() != null) {
            c.name = changes.name();
        }
        if (changes.actionTypes() != null) {
            c.actionTypes(changes.actionTypes());
        }
        if (changes.multiplier() != null) {
            c.multiplier = changes.multiplier();
        }
        if (changes.splits() != null) {
            c.splits(changes.splits());
        }
        if (changes.tiers() != null) {
            c.tiers(changes.tiers());
        }
        if (changes.startsAt() != null) {
            c.startsAt = changes.startsAt();
        }
        if (changes.endsAt() != null) {
            c.endsAt = changes.endsAt();
        }
        if (changes.budget() != null) {
            c.budget = changes.budget();
        }
        if (changes.priority() != null) {
            c.priority = changes.priority();
        }
    }

    private Uni<Campaign> locked(PartnerScope owner, String id) {
        return campaigns.lock(owner, id).onItem().ifNull().failWith(CampaignService::notFound);
    }

    private static ApiException notFound() {
        return ApiException.notFound("Campaign");
    }

    /** The rules no single field can check; every broken one is reported (400 VALIDATION_FAILED). */
    static void validate(Campaign c, boolean endsAtMustBeFuture, Instant now) {
        List<ApiError.FieldError> errors = new ArrayList<>();
        splitErrors(c.splits(), errors);
        tierErrors(c.tiers(), errors);
        if (c.startsAt != null && c.endsAt != null && !c.startsAt.isBefore(c.endsAt)) {
            errors.add(new ApiError.FieldError("endsAt", "must be after startsAt"));
        } else if (endsAtMustBeFuture && c.endsAt != null && !c.endsAt.isAfter(now)) {
            errors.add(new ApiError.FieldError("endsAt", "must be in the future"));
        }
        if (c.budget != null && c.budget < c.tokensSpent) {
            errors.add(new ApiError.FieldError(
                    "budget", "must be at least the tokens already spent (" + c.tokensSpent + ")"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
    }

    /** Splits (if any) add up to 100 %, one per stakeholder type. */
    private static void splitErrors(List<Campaign.Split> splits, List<ApiError.FieldError> errors) {
        if (splits.isEmpty()) {
            return;
        }
        BigDecimal sum = splits.stream().map(Campaign.Split::percent).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (sum.compareTo(HUNDRED) != 0) {
            errors.add(new ApiError.FieldError(
                    "splits",
                    "percents must add up to 100 (they add up to "
                            + sum.stripTrailingZeros().toPlainString() + ")"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < splits.size(); i++) {
            if (!seen.add(splits.get(i).stakeholderTypeCode())) {
                errors.add(new ApiError.FieldError("splits[" + i + "].stakeholderTypeCode", "appears more than once"));
            }
        }
    }

    /** One tier per minimum amount (2 and 2.00 are the same). */
    private static void tierErrors(List<Campaign.Tier> tiers, List<ApiError.FieldError> errors) {
        Set<BigDecimal> minimums = new HashSet<>();
        for (int i = 0; i < tiers.size(); i++) {
            if (!minimums.add(tiers.get(i).minAmount().stripTrailingZeros())) {
                errors.add(new ApiError.FieldError("tiers[" + i + "].minAmount", "appears more than once"));
            }
        }
    }
}
