package org.sirgiving.sdk.model;

import java.util.List;

/** The envelope of every paged list but actions (docs/partner-api.md section 5): {@code page} from 1, {@code limit} ≤ 100. */
public record Page<T>(List<T> data, int page, int limit, long total) {}
