package org.sirgiving.rewards.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.sirgiving.events.ActionType;
import org.sirgiving.events.Environment;
import org.sirgiving.rewards.domain.Campaign;
import org.sirgiving.rewards.repository.CampaignStore;

/**
 * Chooses the campaign that rewards an action (docs/partner-api.md section 5) and spends its budget: the one place
 * {@code tokens_spent} changes, always with a guarded UPDATE, so that a budget is never overspent.
 */
@ApplicationScoped
public class CampaignBudget {
    private final CampaignStore campaigns;
    private final Clock clock;

    /** The campaign that applies (null: the default rule), the tokens and each stakeholder's part. */
    public record Choice(Campaign campaign, long tokens, long[] parts) {}

    public CampaignBudget(CampaignStore campaigns, Clock clock) {
        this.campaigns = campaigns;
        this.clock = clock;
    }

    /**
     * The highest-priority ACTIVE campaign in its schedule whose action types contain {@code actionType} and whose
     * remaining budget covers its reward, with that budget already spent; else the next; else the default rule. Ties
     * of priority go to the older campaign. Call {@link #release} if the reward is then refused.
     */
    public Uni<Choice> choose(
            String partnerId, Environment env, ActionType type, BigDecimal amount, List<String> stakeholderTypes) {
        Instant now = clock.instant();
        return campaigns
                .activeByPriority(partnerId, env)
                .chain(all -> next(
                        all.stream()
                                .filter(c ->
                                        c.inSchedule(now) && c.actionTypes().contains(type))
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
        return campaigns.spend(campaignId, tokens, clock.instant());
    }

    /** Gives tokens back to the budget: a reward refused after the choice, or reversed. */
    public Uni<Void> release(String campaignId, long tokens) {
        if (campaignId == null || tokens <= 0) {
            return Uni.createFrom().voidItem();
        }
        return campaigns.release(campaignId, tokens, clock.instant());
    }
}
