package org.sirgiving.rewards.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import org.sirgiving.kernel.crypto.Crypto;
import org.sirgiving.rewards.domain.PartnerUser;

/**
 * Partners' users and their balances. A user's tokens are the sum of their transactions (REWARD +, REVERSAL and
 * EXPIRY −); nothing stores a balance, so it cannot drift from the transactions.
 */
@ApplicationScoped
public class UserAccounts {
    private final Clock clock;

    /**
     * {@code available}: vested tokens not reversed or expired; {@code pending}: rewards still vesting;
     * {@code lifetimeEarned}: every reward not reversed (including what later expired); {@code expired}: tokens taken
     * back at expiry.
     */
    public record Balance(long available, long pending, long lifetimeEarned, long expired) {}

    public record NewUser(String externalId, String email, String firstName, String lastName, String metadataJson) {}

    public UserAccounts(Clock clock) {
        this.clock = clock;
    }

    /**
     * Creates the user unless the partner already has one with this {@code externalId}; returns whether it was created.
     * Concurrent creators race on the (partner, environment, externalId) unique constraint; exactly one wins.
     */
    public Uni<Boolean> create(String partnerId, String environment, NewUser u) {
        Instant now = clock.instant();
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "INSERT INTO users (id, partner_id, environment, external_id, email, first_name, last_name, metadata, "
                                        + "created_at, updated_at) VALUES (:id, :partner, :env, :ext, :email, :first, :last, :meta, :now, :now) "
                                        + "ON CONFLICT ON CONSTRAINT users_external DO NOTHING")
                        .setParameter("id", "usr_" + Crypto.randomHex(12))
                        .setParameter("partner", partnerId)
                        .setParameter("env", environment)
                        .setParameter("ext", u.externalId())
                        .setParameter("email", u.email())
                        .setParameter("first", u.firstName())
                        .setParameter("last", u.lastName())
                        .setParameter("meta", u.metadataJson())
                        .setParameter("now", now)
                        .executeUpdate())
                .map(n -> n == 1);
    }

    /** The user, created first if the partner has none with this {@code externalId}. */
    public Uni<PartnerUser> ensure(String partnerId, String environment, NewUser u) {
        return create(partnerId, environment, u)
                .chain(() -> PartnerUser.findByExternal(partnerId, environment, u.externalId()));
    }

    public Uni<Balance> balance(String userId) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "SELECT COALESCE(SUM(tokens), 0)::bigint, "
                                        + "COALESCE(SUM(tokens) FILTER (WHERE type = 'REWARD' AND status = 'COMPLETED' "
                                        + "AND vested_at IS NULL AND expired_at IS NULL), 0)::bigint, "
                                        + "COALESCE(SUM(tokens) FILTER (WHERE type = 'REWARD' AND status = 'COMPLETED'), 0)::bigint, "
                                        + "COALESCE(-SUM(tokens) FILTER (WHERE type = 'EXPIRY'), 0)::bigint "
                                        + "FROM transactions WHERE user_id = :u",
                                Object[].class)
                        .setParameter("u", userId)
                        .getSingleResult())
                .map(r -> {
                    long total = ((Number) r[0]).longValue();
                    long pending = ((Number) r[1]).longValue();
                    return new Balance(
                            total - pending, pending, ((Number) r[2]).longValue(), ((Number) r[3]).longValue());
                });
    }
}
