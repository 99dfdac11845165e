package org.sirgiving.kernel.http;

import java.util.List;

/** A page of a list endpoint ({@code ?page=1&limit=20}, limit at most 100). */
public record Page<T>(List<T> data, int page, int limit, long total) {}
