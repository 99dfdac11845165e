package org.sirgiving.sdk.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code POST /v1/partner/actions/submit}. {@code idempotencyKey} is one per real-world event: the SDK sends the same
 * key (and the same bytes) on every retry, and so should a caller that tries again later.
 */
public record SubmitActionRequest(
        String idempotencyKey,
        ActionType actionType,
        BigDecimal amount,
        String currency,
        List<Stakeholder> stakeholders,
        Boolean autoCreateUsers,
        Map<String, Object> metadata) {

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String idempotencyKey;
        private ActionType actionType;
        private BigDecimal amount;
        private String currency;
        private List<Stakeholder> stakeholders = List.of();
        private Boolean autoCreateUsers;
        private Map<String, Object> metadata;

        private Builder() {}

        public Builder idempotencyKey(String idempotencyKey) {
            this.idempotencyKey = idempotencyKey;
            return this;
        }

        public Builder actionType(ActionType actionType) {
            this.actionType = actionType;
            return this;
        }

        public Builder amount(BigDecimal amount) {
            this.amount = amount;
            return this;
        }

        /** The amount as written, e.g. {@code "49.99"} (never a double: it would not keep 2 decimals exactly). */
        public Builder amount(String amount) {
            return amount(new BigDecimal(amount));
        }

        public Builder currency(String currency) {
            this.currency = currency;
            return this;
        }

        public Builder stakeholders(List<Stakeholder> stakeholders) {
            this.stakeholders = List.copyOf(stakeholders);
            return this;
        }

        public Builder stakeholder(Stakeholder stakeholder) {
            this.stakeholders =
                    Stream.concat(stakeholders.stream(), Stream.of(stakeholder)).toList();
            return this;
        }

        public Builder autoCreateUsers(boolean autoCreateUsers) {
            this.autoCreateUsers = autoCreateUsers;
            return this;
        }

        public Builder metadata(Map<String, Object> metadata) {
            this.metadata = metadata;
            return this;
        }

        public SubmitActionRequest build() {
            return new SubmitActionRequest(
                    idempotencyKey, actionType, amount, currency, stakeholders, autoCreateUsers, metadata);
        }
    }
}
