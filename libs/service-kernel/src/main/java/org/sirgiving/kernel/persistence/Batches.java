package org.sirgiving.kernel.persistence;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Work on a backlog of rows in small batches, each its own short transaction, so that no statement holds its locks
 * (or a pooled connection) for long however large the backlog is: the retention deletes.
 */
public final class Batches {
    private Batches() {}

    /**
     * Runs {@code batch} (one transaction handling at most {@code batchSize} rows; its item says how many) again and
     * again until a batch comes back short, which means the backlog is done, or {@code stop} says to stop (shutdown).
     * Returns the rows handled in all.
     */
    public static Uni<Long> untilShort(int batchSize, BooleanSupplier stop, Supplier<Uni<? extends Integer>> batch) {
        return Multi.createBy()
                .repeating()
                .<Integer>uni(batch)
                .whilst(handled -> handled >= batchSize && !stop.getAsBoolean())
                .collect()
                .with(Collectors.summingLong(Integer::longValue));
    }
}
