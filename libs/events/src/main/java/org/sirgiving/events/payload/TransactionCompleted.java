package org.sirgiving.events.payload;

/** data of {@code transaction.completed}: one stakeholder credited by an action. */
public record TransactionCompleted(
        String transactionId,
        String actionId,
        String partnerUserId,
        String stakeholderTypeCode,
        String type,
        long tokens) {}
