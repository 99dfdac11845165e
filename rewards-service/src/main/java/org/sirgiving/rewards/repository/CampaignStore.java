package org.sirgiving.rewards.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import org.sirgiving.events.Environment;
import org.sirgiving.kernel.http.Page;
import org.sirgiving.rewards.domain.Campaign;
import org.sirgiving.rewards.domain.PartnerScope;

/** Every query of {@code campaigns}. */
@ApplicationScoped
public class CampaignStore {

    /** The partner's campaign, or null. */
    public Uni<Campaign> find(PartnerScope owner, String id) {
        return owned(owner, id).firstResult();
    }

    /** The partner's campaign locked for a write (the schedule job and rewards' budget spending wait), or null. */
    public Uni<Campaign> lock(PartnerScope owner, String id) {
        return owned(owner, id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** The campaign the partner created under {@code idempotencyKey}, or null. */
    public Uni<Campaign> findByKey(PartnerScope owner, String idempotencyKey) {
        return Campaign.<Campaign>find(
                        "partnerId = ?1 and environment = ?2 and idempotencyKey = ?3",
                        owner.partnerId(),
                        owner.environmentName(),
                        idempotencyKey)
                .firstResult();
    }

    /** The partner's campaigns, newest first, of one status (null: all). */
    public Uni<Page<Campaign>> page(PartnerScope owner, Campaign.Status status, int page, int limit) {
        PanacheQuery<Campaign> query = status == null
                ? Campaign.find(
                        "partnerId = ?1 and environment = ?2 order by createdAt desc, id",
                        owner.partnerId(),
                        owner.environmentName())
                : Campaign.find(
                        "partnerId = ?1 and environment = ?2 and status = ?3 order by createdAt desc, id",
                        owner.partnerId(),
                        owner.environmentName(),
                        status);
        return PageQueries.page(query, page, limit);
    }

    public Uni<Campaign> insert(Campaign campaign) {
        return campaign.persist();
    }

    public Uni<Void> delete(Campaign campaign) {
        return campaign.delete();
    }

    /** Campaigns not yet ENDED whose {@code endsAt} has passed, locked. */
    public Uni<List<Campaign>> lockEnding(Instant now) {
        return Campaign.<Campaign>find("status <> ?1 and endsAt <= ?2", Campaign.Status.ENDED, now)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }

    /** ACTIVE campaigns within their schedule that were never announced as started, locked. */
    public Uni<List<Campaign>> lockStarting(Instant now) {
        return Campaign.<Campaign>find(
                        "status = ?1 and startedEventAt is null "
                                + "and (startsAt is null or startsAt <= ?2) and (endsAt is null or endsAt > ?2)",
                        Campaign.Status.ACTIVE,
                        now)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }

    /** The partner's ACTIVE campaigns, highest priority first, ties to the older one. */
    public Uni<List<Campaign>> activeByPriority(String partnerId, Environment env) {
        return Campaign.<Campaign>find(
                        "partnerId = ?1 and environment = ?2 and status = ?3 "
                                + "order by priority desc, createdAt asc, id asc",
                        partnerId,
                        env.wireName(),
                        Campaign.Status.ACTIVE)
                .list();
    }

    /**
     * Adds {@code tokens} to what the campaign spent, all or nothing: false when it is no longer ACTIVE or its budget no
     * longer covers them (the guard is in the UPDATE, so concurrent rewards never overspend).
     */
    public Uni<Boolean> spend(String campaignId, long tokens, Instant now) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "UPDATE campaigns SET tokens_spent = tokens_spent + :t, updated_at = :now WHERE id = :id "
                                        + "AND status = 'ACTIVE' AND (budget IS NULL OR tokens_spent + :t <= budget)")
                        .setParameter("t", tokens)
                        .setParameter("now", now)
                        .setParameter("id", campaignId)
                        .executeUpdate())
                .map(n -> n == 1);
    }

    /** Takes {@code tokens} off what the campaign spent (never below 0). */
    public Uni<Void> release(String campaignId, long tokens, Instant now) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "UPDATE campaigns SET tokens_spent = GREATEST(tokens_spent - :t, 0), updated_at = :now WHERE id = :id")
                        .setParameter("t", tokens)
                        .setParameter("now", now)
                        .setParameter("id", campaignId)
                        .executeUpdate())
                .replaceWithVoid();
    }

    private static PanacheQuery<Campaign> owned(PartnerScope owner, String id) {
        return Campaign.find(
                "id = ?1 and partnerId = ?2 and environment = ?3", id, owner.partnerId(), owner.environmentName());
    }
}
