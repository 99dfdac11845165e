package org.sirgiving.rewards.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.sirgiving.events.Environment;
import org.sirgiving.rewards.domain.Campaign;

/**
 * Chooses the campaign that rewards an action (contract section 5) and spends its budget: the one place
 * {@code tokens_spent} changes, always with a guarded UPDATE, so that a budget is never overspent.
 */
@ApplicationScoped
public class CampaignBudget {
    private final Clock clock;

    /** The campaign that applies (null: the default rule), the tokens and each stakeholder's part. */
    public record Choice(Campaign campaign, long tokens, long[] parts) {}

    public CampaignBudget(Clock clock) {
        this.clock = clock;
    }

    /**
     * The highest-priority ACTIVE campaign in its schedule whose action types contain {@code actionType} and whose
     * remaining budget covers its reward, with that budget already spent; else the next; else the default rule. Ties
     * of priority go to the older campaign. Call {@link #release} if the reward is then refused.
     */
    public Uni<Choice> choose(
            String partnerId, Environment env, String actionType, BigDecimal amount, List<String> stakeholderTypes) {
        Instant now = clock.instant();
        return Campaign.<Campaign>find(
                        "partnerId = ?1 and environment = ?2 and status = ?3 "
                                + "order by priority desc, createdAt asc, id asc",
                        partnerId,
                        env.wireName(),
                        Campaign.Status.ACTIVE)
                .list()
                .chain(all -> next(
                        all.stream()
                                .filter(c ->
                                        c.inSchedule(now) && c.actionTypes().contains(actionType))
                                .toList(),
                        0,
                        amount,
                        stakeholderTypes));
    }

    private Uni<Choice> next(List<Campaign> candidates, int i, BigDecimal amount, List<String> stakeholderTypes) {
        if (i == candidates.size()) {
            long tokens = RewardRule.defaultTokens(amount);
            return Uni.createFrom()
                    .item(new Choice(null, tokens, RewardRule.splitEqually(tokens, stakeholderTypes.size())));
        }
        Campaign c = candidates.get(i);
        long tokens = RewardRule.campaignTokens(amount, c.multiplier, c.tiers());
        if (c.remainingBudget() < tokens) {
            return next(candidates, i + 1, amount, stakeholderTypes);
        }
        return spend(c.id, tokens)
                .chain(spent -> spent
                        ? Uni.createFrom()
                                .item(new Choice(
                                        c, tokens, RewardRule.splitByType(tokens, stakeholderTypes, c.splits())))
                        : next(candidates, i + 1, amount, stakeholderTypes));
    }

    /** Spends {@code tokens} of the campaign's budget, all or nothing; false when the budget no longer covers them. */
    Uni<Boolean> spend(String campaignId, long tokens) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "UPDATE campaigns SET tokens_spent = tokens_spent + :t, updated_at = :now WHERE id = :id "
                                        + "AND status = 'ACTIVE' AND (budget IS NULL OR tokens_spent + :t <= budget)")
                        .setParameter("t", tokens)
                        .setParameter("now", clock.instant())
                        .setParameter("id", campaignId)
                        .executeUpdate())
                .map(n -> n == 1);
    }

    /** Gives tokens back to the budget: a reward refused after the choice, or reversed. */
    public Uni<Void> release(String campaignId, long tokens) {
        if (campaignId == null || tokens <= 0) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "UPDATE campaigns SET tokens_spent = GREATEST(tokens_spent - :t, 0), updated_at = :now WHERE id = :id")
                        .setParameter("t", tokens)
                        .setParameter("now", clock.instant())
                        .setParameter("id", campaignId)
                        .executeUpdate())
                .replaceWithVoid();
    }
}
