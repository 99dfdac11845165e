package org.sirgiving.actions.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of actions, newest first; {@code nextCursor} fetches the next (older) page, null at the end. */
@Schema(name = "ActionPage", description = "A page of actions, newest first.")
public record ActionPage(
        @Schema(required = true) List<ActionView> data,

        @Schema(
                required = true,
                nullable = true,
                description = "Pass it as `cursor` for the next (older) page; null on the last page.")
        String nextCursor,

        @Schema(required = true, description = "Whether an older page follows.")
        boolean hasMore) {}
