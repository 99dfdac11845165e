package org.sirgiving.actions.service;

import java.util.List;
import org.sirgiving.actions.domain.Action;

/** One page of a listing, newest first, and whether an older page follows. */
public record ActionSlice(List<Action> actions, boolean hasMore) {

    /** The page from {@code limit + 1} rows: the extra row only says that more follow. */
    static ActionSlice of(List<Action> rows, int limit) {
        boolean more = rows.size() > limit;
        return new ActionSlice(more ? rows.subList(0, limit) : rows, more);
    }
}
