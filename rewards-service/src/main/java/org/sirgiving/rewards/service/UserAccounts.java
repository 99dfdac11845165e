package org.sirgiving.rewards.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import org.sirgiving.events.Environment;
import org.sirgiving.kernel.crypto.Crypto;
import org.sirgiving.rewards.domain.PartnerUser;
import org.sirgiving.rewards.repository.TransactionStore;
import org.sirgiving.rewards.repository.UserStore;

/**
 * Partners' users and their balances. A user's tokens are the sum of their transactions (REWARD +, REVERSAL and
 * EXPIRY −); nothing stores a balance, so it cannot drift from the transactions.
 */
@ApplicationScoped
public class UserAccounts {
    private final UserStore users;
    private final TransactionStore transactions;
    private final Clock clock;

    /**
     * {@code available}: vested tokens not reversed or expired; {@code pending}: rewards still vesting;
     * {@code lifetimeEarned}: every reward not reversed (including what later expired); {@code expired}: tokens taken
     * back at expiry.
     */
    public record Balance(long available, long pending, long lifetimeEarned, long expired) {}

    public record NewUser(String externalId, String email, String firstName, String lastName, String metadataJson) {}

    public UserAccounts(UserStore users, TransactionStore transactions, Clock clock) {
        this.users = users;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Creates the user unless the partner already has one with this {@code externalId}; returns whether it was created.
     * Concurrent creators race on the (partner, environment, externalId) unique constraint; exactly one wins.
     */
    public Uni<Boolean> create(String partnerId, String environment, NewUser u) {
        return users.insertIfAbsent(newUser(partnerId, environment, u, clock.instant()));
    }

    /** The user, created first if the partner has none with this {@code externalId}. */
    public Uni<PartnerUser> ensure(String partnerId, String environment, NewUser u) {
        return create(partnerId, environment, u)
                .chain(() -> users.findByExternal(partnerId, Environment.fromWire(environment), u.externalId()));
    }

    public Uni<Balance> balance(String userId) {
        return transactions
                .sums(userId)
                .map(s -> new Balance(s.total() - s.pending(), s.pending(), s.lifetimeEarned(), s.expired()));
    }

    private static PartnerUser newUser(String partnerId, String environment, NewUser u, Instant now) {
        PartnerUser user = new PartnerUser();
        user.id = "usr_" + Crypto.randomHex(12);
        user.partnerId = partnerId;
        user.environment = environment;
        user.externalId = u.externalId();
        user.email = u.email();
        user.firstName = u.firstName();
        user.lastName = u.lastName();
        user.metadata = u.metadataJson();
        user.createdAt = now;
        user.updatedAt = now;
        return user;
    }
}
