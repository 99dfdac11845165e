package org.sirgiving.outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/**
 * The services' unit of work: run {@code work} in one database transaction, then (after the commit) publish
 * what it put in the outbox. Nothing is published for a transaction that rolled back.
 */
@ApplicationScoped
public class Transactions {
    private final OutboxRelay relay;

    public Transactions(OutboxRelay relay) {
        this.relay = relay;
    }

    public <T> Uni<T> run(Supplier<Uni<T>> work) {
        return Panache.withTransaction(work).invoke(relay::kick);
    }
}
