package org.sirgiving.rewards.api;

import java.time.Instant;
import org.sirgiving.rewards.domain.LedgerEntry;

public record LedgerEntryView(
        long id, String type, long amount, long balanceAfter, String actionId, String reference, Instant createdAt) {
    public static LedgerEntryView of(LedgerEntry e) {
        return new LedgerEntryView(
                e.id, e.entryType.name(), e.amount, e.balanceAfter, e.actionId, e.reference, e.createdAt);
    }
}
