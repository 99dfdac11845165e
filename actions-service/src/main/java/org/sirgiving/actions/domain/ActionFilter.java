package org.sirgiving.actions.domain;

import java.time.Instant;
import org.sirgiving.events.ActionType;

/**
 * Which of a partner's actions a listing shows, newest first: optional filters (null: any), the page size, and where
 * the previous page ended (null: the first page).
 */
public record ActionFilter(
        ActionStatus status, ActionType actionType, Instant from, Instant to, Position after, int limit) {

    /** The last row of the previous page: a keyset, so pages stay stable while new actions arrive. */
    public record Position(Instant createdAt, String id) {}
}
