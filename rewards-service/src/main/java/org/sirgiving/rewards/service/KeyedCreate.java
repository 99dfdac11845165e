package org.sirgiving.rewards.service;

import io.smallrye.mutiny.Uni;
import java.util.function.Function;
import java.util.function.Supplier;
import org.sirgiving.kernel.idempotency.IdempotentCreates;

/**
 * A create that is replayed once done (never in progress, never retaken), told as three functions: find an earlier
 * one by key, read its stored fingerprint, insert a new one.
 */
record KeyedCreate<R>(Function<String, Uni<R>> byKey, Function<R, String> storedFingerprint, Supplier<Uni<R>> newOne)
        implements IdempotentCreates.Create<R> {

    @Override
    public Uni<R> findByKey(String idempotencyKey) {
        return byKey.apply(idempotencyKey);
    }

    @Override
    public String fingerprintOf(R prior) {
        return storedFingerprint.apply(prior);
    }

    @Override
    public Uni<R> insert() {
        return newOne.get();
    }
}
