package org.sirgiving.kernel.idempotency;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;
import java.util.function.Supplier;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.errors.ConstraintViolations;
import org.sirgiving.kernel.errors.ErrorCode;
import org.sirgiving.kernel.persistence.UnitOfWork;

/**
 * The one rule for every create under an idempotency key (an action's {@code idempotencyKey}, the
 * {@code Idempotency-Key} header of the other creates), in one transaction:
 *
 * <ul>
 *   <li>no key: insert;
 *   <li>no earlier create with the key: insert;
 *   <li>an earlier one with another request ({@link RequestFingerprint}): 422 {@code IDEMPOTENCY_KEY_REUSED};
 *   <li>an earlier one with the same request: {@link IdempotentResult.Replayed} (answered 409 {@code IDEMPOTENT}
 *       with the original in {@code result}), or, where the create says so, 409 {@code IDEMPOTENCY_IN_PROGRESS}
 *       while it is still being handled, or a retake of a create that may be tried again.
 * </ul>
 *
 * Two concurrent requests with one key both find nothing and both insert: the unique index on the key lets one
 * commit; the other's transaction fails with a unique violation and is decided again in a new transaction, where it
 * finds the winner's row. So a concurrent duplicate gets the same answer as a later one, never a 500.
 */
@ApplicationScoped
public class IdempotentCreates {
    private final UnitOfWork work;

    public IdempotentCreates(UnitOfWork work) {
        this.work = work;
    }

    /** What an earlier create with the same key and request means now. */
    public enum Prior {
        /** Done: answer it again. */
        REPLAY,
        /** Still being handled: 409 IDEMPOTENCY_IN_PROGRESS, retry after a second. */
        IN_PROGRESS,
        /** Refused in a way that leaves the key usable: run it again ({@link Create#retake}). */
        RETAKE
    }

    /** One kind of create: how to find an earlier one by key, and how to make a new one. */
    public interface Create<R> {
        /** The earlier create with this key in the caller's scope (partner and environment), or null. */
        Uni<R> findByKey(String idempotencyKey);

        /** The request fingerprint stored with an earlier create. */
        String fingerprintOf(R prior);

        /** Makes and stores the new row in the current transaction. */
        Uni<R> insert();

        default Prior priorState(R prior) {
            return Prior.REPLAY;
        }

        default Uni<R> retake(R prior) {
            return Uni.createFrom().failure(new IllegalStateException("This create is never retaken"));
        }

        /**
         * The usual create, replayed once done (never in progress, never retaken), told as three functions: find an
         * earlier one by key, read its stored fingerprint, insert a new one.
         */
        static <R> Create<R> replayable(
                Function<String, Uni<R>> findByKey, Function<R, String> fingerprintOf, Supplier<Uni<R>> insert) {
            return new Create<>() {
                @Override
                public Uni<R> findByKey(String idempotencyKey) {
                    return findByKey.apply(idempotencyKey);
                }

                @Override
                public String fingerprintOf(R prior) {
                    return fingerprintOf.apply(prior);
                }

                @Override
                public Uni<R> insert() {
                    return insert.get();
                }
            };
        }
    }

    /**
     * Runs {@code create} under {@code idempotencyKey} (null: none) for a request with {@code fingerprint}, in a
     * {@link UnitOfWork#write} of its own.
     */
    public <R> Uni<IdempotentResult<R>> create(String idempotencyKey, String fingerprint, Create<R> create) {
        if (idempotencyKey == null) {
            return work.write(() -> create.insert().map(IdempotentResult.Created::new));
        }
        Supplier<Uni<IdempotentResult<R>>> decide = () -> work.write(() -> create.findByKey(idempotencyKey)
                .chain(prior -> prior == null
                        ? create.insert().map(IdempotentResult.Created::new)
                        : again(prior, fingerprint, create)));
        return decide.get().onFailure(ConstraintViolations::isUniqueViolation).recoverWithUni(e -> decide.get());
    }

    private static <R> Uni<IdempotentResult<R>> again(R prior, String fingerprint, Create<R> create) {
        if (!fingerprint.equals(create.fingerprintOf(prior))) {
            return Uni.createFrom().failure(ApiException.keyReused());
        }
        return switch (create.priorState(prior)) {
            case REPLAY -> Uni.createFrom().item(new IdempotentResult.Replayed<>(prior));
            case IN_PROGRESS -> Uni.createFrom().failure(inProgress());
            case RETAKE -> create.retake(prior).map(IdempotentResult.Created::new);
        };
    }

    private static ApiException inProgress() {
        return new ApiException(
                        ErrorCode.IDEMPOTENCY_IN_PROGRESS, "A request with this idempotency key is still being handled")
                .withHeader("Retry-After", "1");
    }
}
