package org.sirgiving.kernel.idempotency;

import jakarta.ws.rs.core.Response;
import java.util.function.Function;
import org.sirgiving.kernel.errors.ApiException;

/** What an idempotent create did: made {@link Created a new row}, or found {@link Replayed the one made earlier}. */
public sealed interface IdempotentResult<R> {
    R value();

    /** One function per case: callers map both without testing the type (Java 17 has no pattern switch). */
    <T> T fold(Function<R, T> created, Function<R, T> replayed);

    record Created<R>(R value) implements IdempotentResult<R> {
        @Override
        public <T> T fold(Function<R, T> created, Function<R, T> replayed) {
            return created.apply(value);
        }
    }

    record Replayed<R>(R value) implements IdempotentResult<R> {
        @Override
        public <T> T fold(Function<R, T> created, Function<R, T> replayed) {
            return replayed.apply(value);
        }
    }

    /**
     * The HTTP answer every create gives: 201 with the new resource, or 409 {@code IDEMPOTENT} with the original in
     * {@code result} and {@code Idempotent-Replayed: true} (the contract's rule for actions, applied to every create).
     */
    default Response answer(String what, Function<R, ?> view) {
        return fold(
                created -> Response.status(Response.Status.CREATED)
                        .entity(view.apply(created))
                        .build(),
                replayed -> {
                    throw ApiException.replayed(what, view.apply(replayed));
                });
    }
}
