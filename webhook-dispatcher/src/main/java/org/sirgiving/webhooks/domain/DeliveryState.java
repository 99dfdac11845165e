package org.sirgiving.webhooks.domain;

import java.util.List;

public enum DeliveryState {
    /** Waiting for {@code next_attempt_at}. */
    PENDING,
    /** Claimed by a sender until its lease ({@code next_attempt_at}) expires. */
    SENDING,
    SUCCEEDED,
    /** Ended without exhausting its attempts: the endpoint was disabled (410 Gone, 5 days failing, or by the partner). */
    FAILED,
    /** Every scheduled attempt failed. Still listed; can be redelivered by hand. */
    EXHAUSTED;

    public static final List<DeliveryState> OPEN = List.of(PENDING, SENDING);

    public boolean redeliverable() {
        return this == FAILED || this == EXHAUSTED;
    }
}
