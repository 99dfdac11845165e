package org.sirgiving.actions.api;

import java.util.List;

/** A page of actions, newest first; {@code nextCursor} fetches the next (older) page, null at the end. */
public record ActionPage(List<ActionView> data, String nextCursor, boolean hasMore) {}
