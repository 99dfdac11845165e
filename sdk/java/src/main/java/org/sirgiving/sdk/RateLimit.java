package org.sirgiving.sdk;

import java.time.Instant;

/**
 * {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining} (an estimate across replicas: docs/partner-api.md section
 * 8) and {@code X-RateLimit-Reset}.
 */
public record RateLimit(long limit, long remaining, Instant resetsAt) {}
