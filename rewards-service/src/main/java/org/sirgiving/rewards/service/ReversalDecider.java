package org.sirgiving.rewards.service;

import java.time.Instant;
import java.util.List;
import org.sirgiving.events.Environment;
import org.sirgiving.rewards.domain.Reward;
import org.sirgiving.rewards.domain.Transaction;

/**
 * Whether and how a reversal request undoes a reward, from what was read and before anything is written: pure, so that
 * {@code ReversalDeciderTest} drives it without a database. {@link ReversalProcessor} applies the decision.
 */
public final class ReversalDecider {

    /** What the processor does with a reversal request. */
    public enum Decision {
        /**
         * No reward of this partner's environment for the action (unknown, refused, or another partner's): there is
         * nothing to undo, and {@code action.failed} would tell consumers that the action itself failed.
         */
        IGNORE,
        /** Reversed before: nothing changes; the reversal is announced again. */
        ANNOUNCE_AGAIN,
        REVERSE
    }

    /**
     * What undoing gives back: a REVERSAL (negative) for each REWARD transaction still held by its user, and the tokens
     * they return to the pool (what already expired is gone from the user, so it is neither taken back twice nor
     * returned).
     */
    public record Plan(List<Transaction> reversals, long tokensBack) {}

    /** {@code reward}: the action's reward, or null; {@code partnerId} and {@code env}: the request's. */
    public static Decision decide(Reward reward, String partnerId, Environment env) {
        if (reward == null || !reward.partnerId.equals(partnerId) || !reward.environment.equals(env.wireName())) {
            return Decision.IGNORE;
        }
        return reward.status == Reward.Status.REVERSED ? Decision.ANNOUNCE_AGAIN : Decision.REVERSE;
    }

    /** {@code held}: the reward's REWARD transactions still COMPLETED and not expired. */
    public static Plan plan(List<Transaction> held, Instant now) {
        List<Transaction> reversals =
                held.stream().map(t -> Transaction.reversalOf(t, now)).toList();
        long back = held.stream().mapToLong(t -> t.tokens).sum();
        return new Plan(reversals, back);
    }

    private ReversalDecider() {}
}
