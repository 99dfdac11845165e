package org.sirgiving.kernel.persistence;

/**
 * Something to do once a {@link UnitOfWork} committed (the outbox relay publishes what the transaction recorded).
 * Beans implementing it are called in no particular order, on the committing thread: they must not block.
 */
public interface AfterCommit {
    void committed();
}
