package org.sirgiving.kernel.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.mutiny.Uni;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The batch loop of the retention jobs: full batches are followed by another, a short one ends the run. */
class BatchesTest {

    @Test
    void fullBatchesAreFollowedByAnotherUntilAShortOneEndsTheRun() {
        ArrayDeque<Integer> backlog = new ArrayDeque<>(List.of(2, 2, 1, 2));
        AtomicInteger runs = new AtomicInteger();

        long handled = Batches.untilShort(2, () -> false, () -> {
                    runs.incrementAndGet();
                    return Uni.createFrom().item(backlog.poll());
                })
                .await()
                .indefinitely();

        assertEquals(5, handled, "the short batch's rows count too");
        assertEquals(3, runs.get(), "nothing runs after the short batch");
    }

    @Test
    void anEmptyBacklogCostsOneBatch() {
        AtomicInteger runs = new AtomicInteger();

        long handled = Batches.untilShort(100, () -> false, () -> {
                    runs.incrementAndGet();
                    return Uni.createFrom().item(0);
                })
                .await()
                .indefinitely();

        assertEquals(0, handled);
        assertEquals(1, runs.get());
    }

    @Test
    void aStopEndsTheRunAfterTheBatchInHand() {
        AtomicInteger runs = new AtomicInteger();

        long handled = Batches.untilShort(10, () -> runs.get() >= 2, () -> {
                    runs.incrementAndGet();
                    return Uni.createFrom().item(10);
                })
                .await()
                .indefinitely();

        assertEquals(20, handled);
        assertEquals(2, runs.get());
    }
}
