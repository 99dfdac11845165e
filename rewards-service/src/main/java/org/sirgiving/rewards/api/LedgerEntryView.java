package org.sirgiving.rewards.api;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.sirgiving.rewards.domain.LedgerEntry;

/** One append-only change of a pool's balance (docs/partner-api.md section 5). */
@Schema(
        name = "LedgerEntry",
        description = "One append-only change of a pool's balance; the balance is the sum of its entries.",
        requiredProperties = {"id", "type", "amount", "balanceAfter", "actionId", "reference", "createdAt"})
public record LedgerEntryView(
        @Schema(examples = "42") long id,
        LedgerEntry.Type type,

        @Schema(description = "Tokens in (positive) or out (negative).", examples = "-50")
        long amount,

        @Schema(description = "The pool's balance after this entry.", examples = "99950")
        long balanceAfter,

        @Schema(
                description = "The action that caused it, if any.",
                nullable = true,
                examples = "act_9f8e7d6c5b4a39281706f5e4")
        String actionId,

        @Schema(description = "Why, in words.", nullable = true, examples = "initial allocation")
        String reference,

        Instant createdAt) {
    public static LedgerEntryView of(LedgerEntry e) {
        return new LedgerEntryView(e.id, e.entryType, e.amount, e.balanceAfter, e.actionId, e.reference, e.createdAt);
    }
}
