package org.sirgiving.sdk.model;

import java.time.Instant;

/** One append-only change of a pool's balance. */
public record LedgerEntry(
        long id, String type, long amount, long balanceAfter, String actionId, String reference, Instant createdAt) {}
