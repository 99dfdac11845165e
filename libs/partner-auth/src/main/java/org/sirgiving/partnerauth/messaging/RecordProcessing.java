package org.sirgiving.partnerauth.messaging;

import io.smallrye.mutiny.Uni;
import org.sirgiving.partnerauth.errors.DatabaseUnavailable;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * How every consumer treats a failure. A database outage is waited out: the record is retried with backoff and holds
 * its partition (nothing after it could be processed either), so an outage never sends good records to the DLQ.
 * Any other failure belongs to the record itself: the caller lets it reach the dead-letter queue.
 */
public final class RecordProcessing {

    public static <T> Uni<T> retryWhileDatabaseDown(Supplier<? extends Uni<? extends T>> work) {
        return Uni.createFrom().<T>deferred(work::get)
                .onFailure(DatabaseUnavailable::is).retry()
                .withBackOff(Duration.ofMillis(500), Duration.ofSeconds(30)).atMost(Long.MAX_VALUE);
    }

    private RecordProcessing() {
    }
}
