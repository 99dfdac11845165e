package org.sirgiving.rewards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sirgiving.events.Environment;
import org.sirgiving.rewards.domain.Reward;
import org.sirgiving.rewards.domain.Transaction;
import org.sirgiving.rewards.service.ReversalDecider;
import org.sirgiving.rewards.service.ReversalDecider.Decision;

/** The reversal decision without a database: what is ignored, replayed or undone, and what undoing gives back. */
class ReversalDeciderTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void onlyTheRewardOfTheRequestingPartnersEnvironmentIsReversed() {
        assertEquals(Decision.IGNORE, ReversalDecider.decide(null, "ptn_a", Environment.SANDBOX));
        assertEquals(
                Decision.IGNORE, ReversalDecider.decide(reward(Reward.Status.COMPLETED), "ptn_b", Environment.SANDBOX));
        assertEquals(
                Decision.IGNORE,
                ReversalDecider.decide(reward(Reward.Status.COMPLETED), "ptn_a", Environment.PRODUCTION));
        assertEquals(
                Decision.REVERSE,
                ReversalDecider.decide(reward(Reward.Status.COMPLETED), "ptn_a", Environment.SANDBOX));
        assertEquals(
                Decision.ANNOUNCE_AGAIN,
                ReversalDecider.decide(reward(Reward.Status.REVERSED), "ptn_a", Environment.SANDBOX));
    }

    @Test
    void eachHeldRewardIsTakenBackByANegativeReversalAndReturnsToThePool() {
        Transaction alice = rewarded("txn_a", "usr_alice", 30);
        Transaction bob = rewarded("txn_b", "usr_bob", 20);
        ReversalDecider.Plan plan = ReversalDecider.plan(List.of(alice, bob), NOW);
        assertEquals(50, plan.tokensBack());
        assertEquals(2, plan.reversals().size());
        Transaction r = plan.reversals().get(0);
        assertEquals(Transaction.Type.REVERSAL, r.type);
        assertEquals(Transaction.Status.COMPLETED, r.status);
        assertEquals(-30, r.tokens);
        assertEquals("txn_a", r.relatedTransactionId);
        assertEquals("usr_alice", r.userId);
        assertEquals("act_1", r.actionId);
        assertEquals("DONOR", r.stakeholderTypeCode);
        assertEquals(NOW, r.createdAt);
        assertTrue(r.id.startsWith("txn_"));
        assertNotEquals(plan.reversals().get(0).id, plan.reversals().get(1).id);
    }

    @Test
    void whenEveryTokenExpiredNothingIsTakenBackOrReturned() {
        ReversalDecider.Plan plan = ReversalDecider.plan(List.of(), NOW);
        assertEquals(0, plan.tokensBack());
        assertEquals(List.of(), plan.reversals());
    }

    private static Reward reward(Reward.Status status) {
        Reward r = new Reward();
        r.actionId = "act_1";
        r.partnerId = "ptn_a";
        r.environment = Environment.SANDBOX.wireName();
        r.status = status;
        return r;
    }

    private static Transaction rewarded(String id, String userId, long tokens) {
        Transaction t = new Transaction();
        t.id = id;
        t.partnerId = "ptn_a";
        t.environment = Environment.SANDBOX.wireName();
        t.userId = userId;
        t.actionId = "act_1";
        t.stakeholderTypeCode = "DONOR";
        t.type = Transaction.Type.REWARD;
        t.status = Transaction.Status.COMPLETED;
        t.tokens = tokens;
        return t;
    }
}
