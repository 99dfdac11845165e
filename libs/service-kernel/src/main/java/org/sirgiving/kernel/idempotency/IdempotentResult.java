package org.sirgiving.kernel.idempotency;

import jakarta.ws.rs.core.Response;
import java.util.function.Function;
import org.sirgiving.kernel.errors.ApiException;

/** What an idempotent create did: made {@link Created a new row}, or found {@link Replayed the one made earlier}. */
public sealed interface IdempotentResult<R> {
    R value();

    record Created<R>(R value) implements IdempotentResult<R> {}

    record Replayed<R>(R value) implements IdempotentResult<R> {}

    /**
     * The HTTP answer every create gives: 201 with the new resource, or 409 {@code IDEMPOTENT} with the original in
     * {@code result} and {@code Idempotent-Replayed: true} (the contract's rule for actions, applied to every create).
     */
    default Response answer(String what, Function<R, ?> view) {
        if (this instanceof Replayed<R> replayed) {
            throw ApiException.replayed(what, view.apply(replayed.value()));
        }
        return Response.status(Response.Status.CREATED)
                .entity(view.apply(value()))
                .build();
    }
}
