package org.sirgiving.sdk.model;

import java.util.List;

/** A page of actions, newest first; pass {@code nextCursor} for the next (older) page, null at the end. */
public record ActionPage(List<Action> data, String nextCursor, boolean hasMore) {}
