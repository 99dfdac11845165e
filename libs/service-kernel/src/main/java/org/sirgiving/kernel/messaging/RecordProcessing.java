package org.sirgiving.kernel.messaging;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.sirgiving.kernel.errors.TransientFailure;

/**
 * How every consumer treats a failure. Every record reaches a decision:
 * <ul>
 *   <li>a transient failure ({@link TransientFailure}: the database or the broker is down, busy or out of
 *   connections, a serialization failure or deadlock, a time-out) is retried with backoff for as long as it lasts; the
 *   record holds its partition meanwhile, since nothing after it could be processed either;</li>
 *   <li>any other failure belongs to the record: the consumer decides it (rewards-service announces
 *   {@code action.failed}, so the partner sees it), and only what cannot even be decided goes to the dead-letter
 *   queue ({@link DeadLetterQueue}), logged at ERROR, counted and re-drivable.</li>
 * </ul>
 */
public final class RecordProcessing {
    private static final Logger LOG = Logger.getLogger(RecordProcessing.class);

    public static <T> Uni<T> retryWhileTransient(Supplier<? extends Uni<? extends T>> work) {
        return Uni.createFrom()
                .<T>deferred(work::get)
                .onFailure(TransientFailure::is)
                .invoke(e -> LOG.warnf("Transient failure, retrying: %s", e.toString()))
                .onFailure(TransientFailure::is)
                .retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(30))
                .atMost(Long.MAX_VALUE);
    }

    private RecordProcessing() {}
}
