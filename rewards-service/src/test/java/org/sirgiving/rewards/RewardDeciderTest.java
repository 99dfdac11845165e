package org.sirgiving.rewards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.sirgiving.events.ActionType;
import org.sirgiving.events.payload.ActionSubmitted;
import org.sirgiving.events.payload.FailureCode;
import org.sirgiving.events.payload.Stakeholder;
import org.sirgiving.rewards.domain.Campaign;
import org.sirgiving.rewards.domain.PartnerUser;
import org.sirgiving.rewards.domain.TokenPool;
import org.sirgiving.rewards.service.CampaignBudget;
import org.sirgiving.rewards.service.RewardDecider;
import org.sirgiving.rewards.service.RewardDecider.Granted;
import org.sirgiving.rewards.service.RewardDecider.Refused;
import org.sirgiving.rewards.service.RewardRule;

/** The reward decision without a database: what is refused, with which code, and how a grant is split. */
class RewardDeciderTest {

    @Test
    void aPoolWithFewerTokensThanTheRewardRefusesWithInsufficientPool() {
        Refused refused = assertInstanceOf(
                Refused.class,
                RewardDecider.decide(action(false, "alice"), pool(49), known("alice"), defaultChoice(50, 1)));
        assertEquals(FailureCode.INSUFFICIENT_POOL, refused.code());
        assertEquals("The token pool has fewer than 50 tokens", refused.message());
    }

    @Test
    void aPoolWithExactlyTheRewardGrantsIt() {
        Granted granted = assertInstanceOf(
                Granted.class,
                RewardDecider.decide(action(false, "alice"), pool(50), known("alice"), defaultChoice(50, 1)));
        assertEquals(50, granted.total());
        assertNull(granted.campaignId());
    }

    @Test
    void noPoolOrASuspendedOneRefusesWithInsufficientPool() {
        TokenPool suspended = pool(1_000);
        suspended.status = TokenPool.Status.SUSPENDED;
        for (TokenPool p : new TokenPool[] {null, suspended}) {
            Refused refused = RewardDecider.precheck(action(false, "alice"), p, known("alice"))
                    .orElseThrow();
            assertEquals(FailureCode.INSUFFICIENT_POOL, refused.code());
            assertEquals("No active token pool for this environment", refused.message());
        }
    }

    @Test
    void unknownUsersWithoutAutoCreateRefuseWithUserNotFoundNamingThemInOrder() {
        Refused refused = RewardDecider.precheck(action(false, "bob", "alice", "carol"), pool(1_000), known("alice"))
                .orElseThrow();
        assertEquals(FailureCode.USER_NOT_FOUND, refused.code());
        assertEquals(
                "Unknown partnerUserId: bob, carol (send autoCreateUsers: true to create them)", refused.message());
    }

    @Test
    void unknownUsersWithAutoCreateAreGrantedAPartAndCreatedFirst() {
        assertTrue(RewardDecider.precheck(action(true, "bob", "alice"), pool(1_000), known("alice"))
                .isEmpty());
        Granted granted = assertInstanceOf(
                Granted.class,
                RewardDecider.decide(action(true, "bob", "alice"), pool(1_000), known("alice"), defaultChoice(51, 2)));
        assertNull(granted.parts().get(0).user(), "bob is created when the grant is applied");
        assertEquals("alice", granted.parts().get(1).user().externalId);
        assertEquals(26, granted.parts().get(0).tokens());
        assertEquals(25, granted.parts().get(1).tokens());
    }

    @Test
    void aCampaignGrantCarriesItsIdAndItsSplitByStakeholderType() {
        Campaign campaign = new Campaign();
        campaign.id = "camp_1";
        List<String> types = List.of("DONOR", "CAUSE", "DONOR");
        long[] parts = RewardRule.splitByType(
                100,
                types,
                List.of(
                        new Campaign.Split("DONOR", new BigDecimal("80")),
                        new Campaign.Split("CAUSE", new BigDecimal("20"))));
        ActionSubmitted action = action(
                false,
                new Stakeholder("DONOR", "alice", null, null, null),
                new Stakeholder("CAUSE", "shelter", null, null, null),
                new Stakeholder("DONOR", "bob", null, null, null));
        Granted granted = assertInstanceOf(
                Granted.class,
                RewardDecider.decide(
                        action,
                        pool(100),
                        known("alice", "shelter", "bob"),
                        new CampaignBudget.Choice(campaign, 100, parts)));
        assertEquals("camp_1", granted.campaignId());
        assertEquals(100, granted.total());
        assertEquals(
                List.of(40L, 20L, 40L),
                granted.parts().stream().map(RewardDecider.Part::tokens).toList());
        assertSame(action.stakeholders().get(1), granted.parts().get(1).stakeholder());
        assertEquals(
                granted.total(),
                granted.parts().stream().mapToLong(RewardDecider.Part::tokens).sum());
    }

    @Test
    void aRewardThatOverflowsIsRewardOverflowAndOtherFailuresAreInvalidAction() {
        ArithmeticException overflow = assertInstanceOf(
                ArithmeticException.class,
                catching(() -> RewardRule.campaignTokens(
                        new BigDecimal("9999999999999.99"), new BigDecimal("99999999"), List.of())));
        Refused refused = RewardDecider.forFailure(new IllegalStateException("wrapped", overflow));
        assertEquals(FailureCode.REWARD_OVERFLOW, refused.code());
        assertEquals("The reward for this action does not fit in a token amount", refused.message());

        Refused unstorable = RewardDecider.forFailure(new RuntimeException(new SQLException("bad text", "22021")));
        assertEquals(FailureCode.INVALID_ACTION, unstorable.code());
        assertEquals("The action's data cannot be stored (SQLSTATE 22021)", unstorable.message());

        Refused other = RewardDecider.forFailure(new IllegalArgumentException("a rule threw"));
        assertEquals(FailureCode.INVALID_ACTION, other.code());
        assertEquals("The action cannot be processed", other.message());
    }

    @Test
    void aRefusedAttemptDeliveredAgainKeepsItsCode() {
        Refused refused = RewardDecider.refusedBefore(FailureCode.USER_NOT_FOUND);
        assertEquals(FailureCode.USER_NOT_FOUND, refused.code());
        assertEquals("Refused before; resubmit to try again", refused.message());
    }

    private static ActionSubmitted action(boolean autoCreate, String... partnerUserIds) {
        return action(
                autoCreate,
                List.of(partnerUserIds).stream()
                        .map(id -> new Stakeholder("DONOR", id, null, null, null))
                        .toArray(Stakeholder[]::new));
    }

    private static ActionSubmitted action(boolean autoCreate, Stakeholder... stakeholders) {
        return new ActionSubmitted(
                "act_1",
                "key-1",
                ActionType.PURCHASE,
                new BigDecimal("50"),
                "USD",
                List.of(stakeholders),
                autoCreate,
                null,
                Instant.EPOCH,
                1);
    }

    private static TokenPool pool(long balance) {
        TokenPool pool = new TokenPool();
        pool.id = "pool_1";
        pool.status = TokenPool.Status.ACTIVE;
        pool.balance = balance;
        return pool;
    }

    private static Map<String, PartnerUser> known(String... externalIds) {
        return List.of(externalIds).stream().collect(Collectors.toMap(id -> id, RewardDeciderTest::user));
    }

    private static PartnerUser user(String externalId) {
        PartnerUser u = new PartnerUser();
        u.id = "usr_" + externalId;
        u.externalId = externalId;
        return u;
    }

    private static CampaignBudget.Choice defaultChoice(long tokens, int stakeholders) {
        return new CampaignBudget.Choice(null, tokens, RewardRule.splitEqually(tokens, stakeholders));
    }

    private static Throwable catching(Runnable r) {
        try {
            r.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }
}
