package org.sirgiving.rewards.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.math.BigDecimal;
import java.time.Clock;
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
import org.sirgiving.kernel.persistence.UnitOfWork;
import org.sirgiving.partnerauth.auth.AuthenticatedPartner;
import org.sirgiving.rewards.api.CampaignDtos;
import org.sirgiving.rewards.domain.Campaign;

/**
 * Partners' campaign writes: field rules that span fields (splits sum to 100, schedule order, budget covers what was
 * spent), the status transitions of {@link Campaign#canMove}, optional {@code Idempotency-Key} on create, and the
 * lifecycle events a change makes due ({@link CampaignSchedule#announce}), all in one transaction.
 */
@ApplicationScoped
public class CampaignService {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final UnitOfWork tx;
    private final CampaignSchedule schedule;
    private final Clock clock;

    /** A create's answer: the campaign, and whether it is the replay of an earlier create with the same key. */
    public record Created(Campaign campaign, boolean replayed) {}

    public CampaignService(UnitOfWork tx, CampaignSchedule schedule, Clock clock) {
        this.tx = tx;
        this.schedule = schedule;
        this.clock = clock;
    }

    public Uni<Created> create(
            AuthenticatedPartner p,
            CampaignDtos.CreateCampaign body,
            String idempotencyKey,
            String requestHash,
            String correlationId) {
        return tx.write(() -> existing(p, idempotencyKey).chain(prior -> {
            if (prior != null) {
                if (!prior.requestHash.equals(requestHash)) {
                    return Uni.createFrom().failure(ApiException.keyReused());
                }
                return Uni.createFrom().item(new Created(prior, true));
            }
            Instant now = clock.instant();
            Campaign c = new Campaign();
            c.id = "camp_" + Crypto.randomHex(12);
            c.partnerId = p.partnerId();
            c.environment = p.environment().wireName();
            c.name = body.name();
            c.status = body.status() == null ? Campaign.Status.DRAFT : Campaign.Status.valueOf(body.status());
            c.actionTypes(body.actionTypes().stream().distinct().toList());
            c.multiplier = body.multiplier() == null ? BigDecimal.ONE : body.multiplier();
            c.splits(splits(body.splits()));
            c.tiers(tiers(body.tiers()));
            c.startsAt = body.startsAt();
            c.endsAt = body.endsAt();
            c.budget = body.budget();
            c.priority = body.priority() == null ? 0 : body.priority();
            c.idempotencyKey = idempotencyKey;
            c.requestHash = idempotencyKey == null ? null : requestHash;
            c.createdAt = now;
            c.updatedAt = now;
            validate(c, body.endsAt() != null, now);
            return c.<Campaign>persist()
                    .call(() -> schedule.announce(c, now, CampaignLifecycle.REASON_PARTNER, correlationId))
                    .map(x -> new Created(c, false));
        }));
    }

    public Uni<Campaign> update(
            AuthenticatedPartner p, String id, CampaignDtos.UpdateCampaign body, String correlationId) {
        return tx.write(() -> owned(p, id, true).chain(c -> {
            if (c.status == Campaign.Status.ENDED) {
                return Uni.createFrom()
                        .failure(new ApiException(ErrorCode.CONFLICT, "An ENDED campaign cannot change"));
            }
            Instant now = clock.instant();
            if (body.status() != null) {
                Campaign.Status to = Campaign.Status.valueOf(body.status());
                if (!Campaign.canMove(c.status, to)) {
                    return Uni.createFrom()
                            .failure(new ApiException(
                                    ErrorCode.CONFLICT,
                                    "A " + c.status + " campaign cannot become " + to
                                            + " (DRAFT → ACTIVE ⇄ PAUSED, any → ENDED; ENDED is final)"));
                }
                c.status = to;
            }
            if (body.name() != null) {
                c.name = body.name();
            }
            if (body.actionTypes() != null) {
                c.actionTypes(body.actionTypes().stream().distinct().toList());
            }
            if (body.multiplier() != null) {
                c.multiplier = body.multiplier();
            }
            if (body.splits() != null) {
                c.splits(splits(body.splits()));
            }
            if (body.tiers() != null) {
                c.tiers(tiers(body.tiers()));
            }
            if (body.startsAt() != null) {
                c.startsAt = body.startsAt();
            }
            if (body.endsAt() != null) {
                c.endsAt = body.endsAt();
            }
            if (body.budget() != null) {
                c.budget = body.budget();
            }
            if (body.priority() != null) {
                c.priority = body.priority();
            }
            c.updatedAt = now;
            // Ending it needs no valid schedule; anything else must leave a campaign that could run.
            if (c.status != Campaign.Status.ENDED) {
                validate(
                        c, body.endsAt() != null || (body.status() != null && c.status == Campaign.Status.ACTIVE), now);
            }
            return schedule.announce(c, now, CampaignLifecycle.REASON_PARTNER, correlationId)
                    .replaceWith(c);
        }));
    }

    /** Only a DRAFT campaign can be deleted: one that ran is kept (rewards name it) and is ENDED instead. */
    public Uni<Void> delete(AuthenticatedPartner p, String id) {
        return Panache.withTransaction(() -> owned(p, id, true)
                .chain(c -> c.status != Campaign.Status.DRAFT
                        ? Uni.createFrom()
                                .failure(new ApiException(
                                        ErrorCode.CONFLICT,
                                        "Only a DRAFT campaign can be deleted; set its status to ENDED instead"))
                        : c.delete()));
    }

    public Uni<Campaign> owned(AuthenticatedPartner p, String id, boolean lock) {
        var query = Campaign.<Campaign>find(
                "id = ?1 and partnerId = ?2 and environment = ?3",
                id,
                p.partnerId(),
                p.environment().wireName());
        // Locked for writes: the schedule job and rewards' budget spending wait for this change.
        return (lock ? query.withLock(LockModeType.PESSIMISTIC_WRITE) : query)
                .firstResult()
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("Campaign"));
    }

    private static Uni<Campaign> existing(AuthenticatedPartner p, String idempotencyKey) {
        if (idempotencyKey == null) {
            return Uni.createFrom().nullItem();
        }
        return Campaign.find(
                        "partnerId = ?1 and environment = ?2 and idempotencyKey = ?3",
                        p.partnerId(),
                        p.environment().wireName(),
                        idempotencyKey)
                .firstResult();
    }

    /** The rules no single field can check; every broken one is reported (400 VALIDATION_FAILED). */
    static void validate(Campaign c, boolean endsAtMustBeFuture, Instant now) {
        List<ApiError.FieldError> errors = new ArrayList<>();
        List<Campaign.Split> splits = c.splits();
        if (!splits.isEmpty()) {
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
                    errors.add(
                            new ApiError.FieldError("splits[" + i + "].stakeholderTypeCode", "appears more than once"));
                }
            }
        }
        List<Campaign.Tier> tiers = c.tiers();
        Set<BigDecimal> minimums = new HashSet<>();
        for (int i = 0; i < tiers.size(); i++) {
            if (!minimums.add(tiers.get(i).minAmount().stripTrailingZeros())) {
                errors.add(new ApiError.FieldError("tiers[" + i + "].minAmount", "appears more than once"));
            }
        }
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

    private static List<Campaign.Split> splits(List<CampaignDtos.SplitBody> body) {
        return body == null
                ? List.of()
                : body.stream()
                        .map(s -> new Campaign.Split(s.stakeholderTypeCode(), s.percent()))
                        .toList();
    }

    private static List<Campaign.Tier> tiers(List<CampaignDtos.TierBody> body) {
        return body == null
                ? List.of()
                : body.stream()
                        .map(t -> new Campaign.Tier(t.minAmount(), t.multiplier()))
                        .toList();
    }
}
