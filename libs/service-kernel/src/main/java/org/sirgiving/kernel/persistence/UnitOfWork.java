package org.sirgiving.kernel.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The one way services touch the database: {@link #write} runs the work in one transaction and, after the commit,
 * lets the {@link AfterCommit} beans act (the outbox relay publishes at once; nothing happens for a rollback);
 * {@link #read} runs it in a session without a transaction. Both reuse the caller's session and transaction when
 * there is one, so a consumer's batch and the steps inside it share one transaction. {@link #now} is the clock every
 * rule reads (tests replace the {@link Clock} bean).
 *
 * <p>Services call these instead of {@code Panache.withTransaction}, {@code @WithTransaction} or {@code @WithSession}
 * (the architecture tests refuse those outside this class), so a write can no longer forget to publish.
 */
@ApplicationScoped
public class UnitOfWork {
    private final List<AfterCommit> afterCommit;
    private final Clock clock;

    public UnitOfWork(@Any Instance<AfterCommit> afterCommit, Clock clock) {
        this.afterCommit = afterCommit.stream().toList();
        this.clock = clock;
    }

    public <T> Uni<T> write(Supplier<Uni<T>> work) {
        return Panache.withTransaction(work).invoke(() -> afterCommit.forEach(AfterCommit::committed));
    }

    public <T> Uni<T> read(Supplier<Uni<T>> work) {
        return Panache.withSession(work);
    }

    public Instant now() {
        return clock.instant();
    }
}
