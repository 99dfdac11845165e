package org.sirgiving.rewards.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The current session itself, for work that spans many records in one transaction. */
@ApplicationScoped
public class SessionStore {

    /**
     * Writes what the session holds and forgets its entities: Hibernate checks every managed entity for changes before
     * each query, so a session that kept a whole batch's entities would cost more per record the larger the batch
     * (seen in a JFR profile as auto-flush time).
     */
    public Uni<Void> flushAndClear() {
        return Panache.getSession().chain(s -> s.flush().invoke(s::clear));
    }
}
