package org.sirgiving.rewards.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import org.sirgiving.events.Environment;
import org.sirgiving.kernel.crypto.Crypto;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.errors.ConstraintViolations;
import org.sirgiving.kernel.errors.ErrorCode;
import org.sirgiving.kernel.http.Page;
import org.sirgiving.kernel.idempotency.IdempotentCreates;
import org.sirgiving.kernel.idempotency.IdempotentResult;
import org.sirgiving.kernel.persistence.UnitOfWork;
import org.sirgiving.rewards.domain.PartnerUser;
import org.sirgiving.rewards.domain.Transaction;
import org.sirgiving.rewards.repository.TransactionStore;
import org.sirgiving.rewards.repository.UserStore;

/**
 * Partners' users and their balances. A user's tokens are the sum of their transactions (REWARD +, REVERSAL and
 * EXPIRY −); nothing stores a balance, so it cannot drift from the transactions.
 */
@ApplicationScoped
public class UserAccounts {
    private final UnitOfWork tx;
    private final UserStore users;
    private final TransactionStore transactions;
    private final Clock clock;
    private final IdempotentCreates creates;

    /**
     * {@code available}: vested tokens not reversed or expired; {@code pending}: rewards still vesting;
     * {@code lifetimeEarned}: every reward not reversed (including what later expired); {@code expired}: tokens taken
     * back at expiry.
     */
    public record Balance(long available, long pending, long lifetimeEarned, long expired) {}

    /** A user and its balance. */
    public record UserBalance(PartnerUser user, Balance balance) {}

    public record NewUser(String externalId, String email, String firstName, String lastName, String metadataJson) {}

    /** A partner's edit of a user: null fields stay as they are; {@code metadataJson} replaces the metadata whole. */
    public record UserChanges(String email, String firstName, String lastName, String metadataJson) {}

    public UserAccounts(
            UnitOfWork tx, UserStore users, TransactionStore transactions, Clock clock, IdempotentCreates creates) {
        this.tx = tx;
        this.creates = creates;
        this.users = users;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Creates the user unless the partner already has one with this {@code externalId}; returns whether it was created.
     * Concurrent creators race on the (partner, environment, externalId) unique constraint; exactly one wins.
     */
    public Uni<Boolean> create(String partnerId, Environment env, NewUser u) {
        return users.insertIfAbsent(newUser(partnerId, env, u, clock.instant()));
    }

    /** The user, created first if the partner has none with this {@code externalId}. */
    public Uni<PartnerUser> ensure(String partnerId, Environment env, NewUser u) {
        return create(partnerId, env, u).chain(() -> users.findByExternal(partnerId, env, u.externalId()));
    }

    /** The partner's user with this {@code externalId} and its balance, read together; null when there is none. */
    public Uni<UserBalance> balance(String partnerId, Environment env, String externalId) {
        return tx.read(() -> users.findByExternal(partnerId, env, externalId)
                .onItem()
                .ifNotNull()
                .transformToUni(u -> transactions
                        .sums(u.id)
                        .map(s -> new UserBalance(
                                u,
                                new Balance(s.total() - s.pending(), s.pending(), s.lifetimeEarned(), s.expired())))));
    }

    /**
     * A partner creates a user, under an optional {@code idempotencyKey} by the one rule for every create
     * ({@link IdempotentCreates}, docs/partner-api.md section 3): the same key and request again is a replay of the
     * first answer, the same key with another request 422. Otherwise a user with this {@code externalId} existing
     * already is 409 CONFLICT, so a replayed create without a key has no second effect either.
     */
    public Uni<IdempotentResult<PartnerUser>> register(
            String partnerId, Environment env, NewUser u, String idempotencyKey, String fingerprint) {
        IdempotentCreates.Create<PartnerUser> create = IdempotentCreates.Create.replayable(
                key -> users.findByKey(partnerId, env, key), prior -> prior.requestHash, () -> {
                    PartnerUser user = newUser(partnerId, env, u, clock.instant());
                    user.idempotencyKey = idempotencyKey;
                    user.requestHash = idempotencyKey == null ? null : fingerprint;
                    return users.insert(user);
                });
        return creates.create(idempotencyKey, fingerprint, create)
                .onFailure(e -> ConstraintViolations.violates(e, EXTERNAL_ID_TAKEN))
                .transform(e -> new ApiException(ErrorCode.CONFLICT, "A user with this externalId already exists"));
    }

    /** The unique constraint on (partner, environment, externalId). */
    private static final String EXTERNAL_ID_TAKEN = "users_external";

    /** The partner's user with this {@code externalId}, or null. */
    public Uni<PartnerUser> find(String partnerId, Environment env, String externalId) {
        return tx.read(() -> users.findByExternal(partnerId, env, externalId));
    }

    /** A page ({@code page} from 1) of the partner's users, newest first. */
    public Uni<Page<PartnerUser>> list(String partnerId, Environment env, int page, int limit) {
        return tx.read(() -> users.page(partnerId, env, page - 1, limit)
                .chain(list -> users.count(partnerId, env).map(total -> new Page<>(list, page, limit, total))));
    }

    /** Applies a partner's edit; null when the partner has no user with this {@code externalId}. */
    public Uni<PartnerUser> update(String partnerId, Environment env, String externalId, UserChanges changes) {
        return tx.write(() -> users.findByExternal(partnerId, env, externalId)
                .onItem()
                .ifNotNull()
                .invoke(u -> apply(u, changes, clock.instant())));
    }

    /**
     * A page ({@code page} from 1) of the transactions of the partner's user with this {@code externalId}, newest
     * first; null when the partner has no such user (the ownership check and the page are one read).
     */
    public Uni<Page<Transaction>> transactions(
            String partnerId, Environment env, String externalId, int page, int limit) {
        return tx.read(() -> users.findByExternal(partnerId, env, externalId)
                .onItem()
                .ifNotNull()
                .transformToUni(u -> transactions
                        .pageOfUser(u.id, page - 1, limit)
                        .chain(list ->
                                transactions.countOfUser(u.id).map(total -> new Page<>(list, page, limit, total)))));
    }

    private static void apply(PartnerUser u, UserChanges c, Instant now) {
        if (c.email() != null) {
            u.email = c.email();
        }
        if (c.firstName() != null) {
            u.firstName = c.firstName();
        }
        if (c.lastName() != null) {
            u.lastName = c.lastName();
        }
        if (c.metadataJson() != null) {
            u.metadata = c.metadataJson();
        }
        u.updatedAt = now;
    }

    private static PartnerUser newUser(String partnerId, Environment env, NewUser u, Instant now) {
        PartnerUser user = new PartnerUser();
        user.id = "usr_" + Crypto.randomHex(12);
        user.partnerId = partnerId;
        user.environment = env.wireName();
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
