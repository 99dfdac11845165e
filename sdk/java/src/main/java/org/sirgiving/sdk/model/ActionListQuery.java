package org.sirgiving.sdk.model;

import java.time.Instant;

/**
 * The filters of {@code GET /v1/partner/actions}; every field may be null. {@code from} is inclusive, {@code to}
 * exclusive.
 */
public record ActionListQuery(
        ActionStatus status, ActionType actionType, Instant from, Instant to, String cursor, Integer limit) {
    public static ActionListQuery all() {
        return new ActionListQuery(null, null, null, null, null, null);
    }

    public ActionListQuery withCursor(String nextCursor) {
        return new ActionListQuery(status, actionType, from, to, nextCursor, limit);
    }
}
