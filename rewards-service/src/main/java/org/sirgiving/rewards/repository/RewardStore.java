package org.sirgiving.rewards.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.sirgiving.events.payload.FailureCode;
import org.sirgiving.rewards.domain.Reward;

/** Every query of {@code rewards}: at most one reward per action (the action id is the key). */
@ApplicationScoped
public class RewardStore {

    /** What was decided before for an action: rewarded, or this attempt (or a later one) refused with {@code refusal}. */
    public record PriorDecision(boolean rewarded, FailureCode refusal) {}

    /**
     * In one statement (it runs for every action): whether the action has a reward, and the code a refusal of
     * {@code attempt} or a later attempt recorded in {@code failed_actions}.
     */
    public Uni<PriorDecision> priorDecision(String actionId, int attempt) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "SELECT EXISTS (SELECT 1 FROM rewards WHERE action_id = :id), "
                                        + "(SELECT failure_code FROM failed_actions WHERE action_id = :id AND attempt >= :attempt)",
                                Object[].class)
                        .setParameter("id", actionId)
                        .setParameter("attempt", attempt)
                        .getSingleResult())
                .map(row -> new PriorDecision(
                        Boolean.TRUE.equals(row[0]), row[1] == null ? null : FailureCode.valueOf((String) row[1])));
    }

    public Uni<Reward> findById(String actionId) {
        return Reward.findById(actionId);
    }

    /** The action's reward, its row locked until the transaction ends (a concurrent reversal waits); null if none. */
    public Uni<Reward> findForUpdate(String actionId) {
        return Reward.<Reward>find("actionId", actionId)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }

    public Uni<Void> insert(Reward reward) {
        return reward.persist().replaceWithVoid();
    }
}
