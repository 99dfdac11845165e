package org.sirgiving.rewards.service;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.sirgiving.events.payload.ActionSubmitted;
import org.sirgiving.events.payload.FailureCode;
import org.sirgiving.events.payload.Stakeholder;
import org.sirgiving.kernel.errors.TransientFailure;
import org.sirgiving.rewards.domain.PartnerUser;
import org.sirgiving.rewards.domain.TokenPool;

/**
 * Whether an action is rewarded and how, from what was read and before anything is written: pure, so that
 * {@code RewardDeciderTest} drives it without a database. {@link RewardProcessor} applies the decision.
 */
public final class RewardDecider {

    /** What the processor does with an action. */
    public sealed interface Decision permits Refused, Granted {}

    /** Not rewarded: {@code action.failed} with this code and message. */
    public record Refused(FailureCode code, String message) implements Decision {}

    /** One stakeholder's part; {@code user} is null when it is created first (the action asked to create users). */
    public record Part(Stakeholder stakeholder, PartnerUser user, long tokens) {}

    /** Rewarded: {@code total} tokens from the pool, split in {@code parts}; {@code campaignId} null: the default rule. */
    public record Granted(List<Part> parts, String campaignId, long total) implements Decision {}

    /**
     * The refusals known before a campaign is chosen (choosing spends its budget): no ACTIVE pool, or a stakeholder
     * the partner has no user for while the action did not ask to create users. {@code known}: the partner's users by
     * partnerUserId.
     */
    public static Optional<Refused> precheck(ActionSubmitted action, TokenPool pool, Map<String, PartnerUser> known) {
        Optional<Refused> noPool = poolRefusal(pool);
        if (noPool.isPresent()) {
            return noPool;
        }
        List<String> missing = action.stakeholders().stream()
                .map(Stakeholder::partnerUserId)
                .filter(id -> !known.containsKey(id))
                .toList();
        if (!missing.isEmpty() && !action.autoCreateUsers()) {
            return Optional.of(new Refused(
                    FailureCode.USER_NOT_FOUND,
                    "Unknown partnerUserId: " + String.join(", ", missing)
                            + " (send autoCreateUsers: true to create them)"));
        }
        return Optional.empty();
    }

    /** The first refusal, before the users are even looked up: the partner has no ACTIVE pool for the environment. */
    public static Optional<Refused> poolRefusal(TokenPool pool) {
        if (pool == null || !pool.isActive()) {
            return Optional.of(new Refused(FailureCode.INSUFFICIENT_POOL, "No active token pool for this environment"));
        }
        return Optional.empty();
    }

    /**
     * The whole decision once the campaign is chosen: a {@link #precheck} refusal, a pool with fewer tokens than the
     * choice gives ({@link #poolTooSmall}), else the choice's parts for the stakeholders, in their order.
     */
    public static Decision decide(
            ActionSubmitted action, TokenPool pool, Map<String, PartnerUser> known, CampaignBudget.Choice choice) {
        Optional<Refused> refused = precheck(action, pool, known);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (pool.balance < choice.tokens()) {
            return poolTooSmall(choice.tokens());
        }
        List<Stakeholder> stakeholders = action.stakeholders();
        List<Part> parts = IntStream.range(0, stakeholders.size())
                .mapToObj(i -> new Part(
                        stakeholders.get(i), known.get(stakeholders.get(i).partnerUserId()), choice.parts()[i]))
                .toList();
        String campaignId = choice.campaign() == null ? null : choice.campaign().id;
        return new Granted(parts, campaignId, choice.tokens());
    }

    /**
     * The pool cannot pay {@code tokens}: decided here from the pool as read, or by the guarded debit when a concurrent
     * reward took the tokens first.
     */
    public static Refused poolTooSmall(long tokens) {
        return new Refused(FailureCode.INSUFFICIENT_POOL, "The token pool has fewer than " + tokens + " tokens");
    }

    /** A late redelivery of a refused attempt stays refused with the code it had (only a resubmission may succeed). */
    public static Refused refusedBefore(FailureCode code) {
        return new Refused(code, "Refused before; resubmit to try again");
    }

    /**
     * An action whose processing failed for a reason of its own (not a transient one): a reward that does not fit in a
     * token amount is {@code REWARD_OVERFLOW}; anything else (data PostgreSQL cannot store, a rule that throws) is
     * {@code INVALID_ACTION}, so the partner sees the failure and may resubmit the key.
     */
    public static Refused forFailure(Throwable failure) {
        if (causedBy(failure, ArithmeticException.class)) {
            return new Refused(
                    FailureCode.REWARD_OVERFLOW, "The reward for this action does not fit in a token amount");
        }
        String sqlState = TransientFailure.sqlStateIn(failure);
        String message = sqlState == null
                ? "The action cannot be processed"
                : "The action's data cannot be stored (SQLSTATE " + sqlState + ")";
        return new Refused(FailureCode.INVALID_ACTION, message);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private RewardDecider() {}
}
