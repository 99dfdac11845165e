package org.sirgiving.rewards.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.sirgiving.kernel.crypto.Crypto;

/** One line of a user's ledger: a stakeholder credited (REWARD) or debited (REVERSAL, EXPIRY). */
@Entity
@Table(name = "transactions")
public class Transaction extends PanacheEntityBase {
    /** What a transaction does to its user's balance: a credit (REWARD) or a debit (REVERSAL, EXPIRY). */
    @Schema(name = "TransactionType")
    public enum Type {
        REWARD,
        REVERSAL,
        EXPIRY
    }

    /** COMPLETED; a REWARD becomes REVERSED when its action is reversed. */
    @Schema(name = "TransactionStatus")
    public enum Status {
        COMPLETED,
        REVERSED
    }

    @Id
    public String id;

    @Column(name = "partner_id", nullable = false)
    public String partnerId;

    @Column(nullable = false)
    public String environment;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(name = "action_id", nullable = false)
    public String actionId;

    @Column(name = "stakeholder_type_code")
    public String stakeholderTypeCode;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Type type;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(nullable = false)
    public long tokens;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    /** REVERSAL, EXPIRY: the REWARD transaction they take tokens back from. */
    @Column(name = "related_transaction_id")
    public String relatedTransactionId;
    /** REWARD: pending until {@code vestedAt} is stamped (at {@code vestsAt}, by the maintenance job). */
    @Column(name = "vests_at")
    public Instant vestsAt;

    @Column(name = "vested_at")
    public Instant vestedAt;
    /** REWARD: an EXPIRY transaction takes the tokens back at {@code expiresAt}; {@code expiredAt} marks it done. */
    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "expired_at")
    public Instant expiredAt;

    /** A new transaction id ({@code txn_…}). */
    public static String newId() {
        return "txn_" + Crypto.randomHex(12);
    }

    /** The REVERSAL (negative) that gives back what the REWARD transaction {@code rewarded} gave its user. */
    public static Transaction reversalOf(Transaction rewarded, Instant now) {
        Transaction r = takeBack(rewarded.id, rewarded.partnerId, rewarded.environment, rewarded.userId, now);
        r.actionId = rewarded.actionId;
        r.stakeholderTypeCode = rewarded.stakeholderTypeCode;
        r.type = Type.REVERSAL;
        r.tokens = -rewarded.tokens;
        return r;
    }

    /** The EXPIRY (negative) that takes back the {@code tokens} of a REWARD transaction at its expiry. */
    public static Transaction expiryOf(
            String rewardedId,
            String partnerId,
            String environment,
            String userId,
            String actionId,
            String stakeholderTypeCode,
            long tokens,
            Instant now) {
        Transaction e = takeBack(rewardedId, partnerId, environment, userId, now);
        e.actionId = actionId;
        e.stakeholderTypeCode = stakeholderTypeCode;
        e.type = Type.EXPIRY;
        e.tokens = -tokens;
        return e;
    }

    private static Transaction takeBack(
            String rewardedId, String partnerId, String environment, String userId, Instant now) {
        Transaction t = new Transaction();
        t.id = newId();
        t.relatedTransactionId = rewardedId;
        t.partnerId = partnerId;
        t.environment = environment;
        t.userId = userId;
        t.status = Status.COMPLETED;
        t.createdAt = now;
        return t;
    }
}
