package org.sirgiving.rewards.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.sirgiving.events.Environment;
import org.sirgiving.events.payload.FailureCode;

/**
 * Every write of {@code failed_actions}: the actions this service refused and did not reward since (the dashboard
 * counts them; a late redelivery of a refused attempt reads them through {@link RewardStore#priorDecision}).
 */
@ApplicationScoped
public class FailedActionStore {

    /** Records the refusal of {@code attempt}; a later attempt's refusal replaces an earlier one's, never the reverse. */
    public Uni<Void> record(
            String actionId, String partnerId, Environment env, FailureCode code, int attempt, Instant now) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "INSERT INTO failed_actions (action_id, partner_id, environment, failure_code, failed_at, attempt) "
                                        + "VALUES (:id, :partner, :env, :code, :now, :attempt) ON CONFLICT (action_id) DO UPDATE "
                                        + "SET failure_code = EXCLUDED.failure_code, failed_at = EXCLUDED.failed_at, "
                                        + "attempt = GREATEST(failed_actions.attempt, EXCLUDED.attempt)")
                        .setParameter("attempt", attempt)
                        .setParameter("id", actionId)
                        .setParameter("partner", partnerId)
                        .setParameter("env", env.wireName())
                        .setParameter("code", code.name())
                        .setParameter("now", now)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** A rewarded resubmission is no longer a failure. */
    public Uni<Void> clear(String actionId) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("DELETE FROM failed_actions WHERE action_id = :id")
                        .setParameter("id", actionId)
                        .executeUpdate())
                .replaceWithVoid();
    }
}
