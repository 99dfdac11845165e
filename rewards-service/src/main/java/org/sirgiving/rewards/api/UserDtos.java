package org.sirgiving.rewards.api;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.sirgiving.events.EventJson;
import org.sirgiving.kernel.validation.Identifier;
import org.sirgiving.kernel.validation.JsonObjectOfAtMost;
import org.sirgiving.rewards.domain.PartnerUser;
import org.sirgiving.rewards.domain.Transaction;
import org.sirgiving.rewards.service.UserAccounts;

/** Users, balances and transactions as partners see them (docs/partner-api.md section 5). */
public final class UserDtos {

    /** {@code POST /v1/partner/users}. {@code externalId} is the partner's own id (the actions' partnerUserId). */
    public record CreateUser(
            @NotBlank @Size(max = 255) @Identifier @JsonAlias("partnerUserId")
            String externalId,

            @Email @Size(max = 320) String email,
            @Size(max = 100) String firstName,
            @Size(max = 100) String lastName,
            @JsonObjectOfAtMost(bytes = 8192) JsonNode metadata) {
        UserAccounts.NewUser command() {
            return new UserAccounts.NewUser(externalId, email, firstName, lastName, text(metadata));
        }
    }

    /** {@code PATCH /v1/partner/users/{externalId}}: absent (or null) fields stay as they are; metadata is replaced whole. */
    public record UpdateUser(
            @Email @Size(max = 320) String email,
            @Size(max = 100) String firstName,
            @Size(max = 100) String lastName,
            @JsonObjectOfAtMost(bytes = 8192) JsonNode metadata) {
        UserAccounts.UserChanges command() {
            return new UserAccounts.UserChanges(email, firstName, lastName, text(metadata));
        }
    }

    public record UserView(
            String id,
            String externalId,
            String email,
            String firstName,
            String lastName,
            JsonNode metadata,
            Instant createdAt,
            Instant updatedAt) {
        public static UserView of(PartnerUser u) {
            return new UserView(
                    u.id, u.externalId, u.email, u.firstName, u.lastName, json(u.metadata), u.createdAt, u.updatedAt);
        }
    }

    public record BalanceView(
            String userId, String externalId, long available, long pending, long lifetimeEarned, long expired) {
        public static BalanceView of(PartnerUser u, UserAccounts.Balance b) {
            return new BalanceView(u.id, u.externalId, b.available(), b.pending(), b.lifetimeEarned(), b.expired());
        }
    }

    public record TransactionView(
            String id,
            String type,
            String status,
            long tokens,
            String actionId,
            String stakeholderTypeCode,
            String relatedTransactionId,
            Instant vestsAt,
            Instant expiresAt,
            Instant createdAt) {
        public static TransactionView of(Transaction t) {
            return new TransactionView(
                    t.id,
                    t.type.name(),
                    t.status.name(),
                    t.tokens,
                    t.actionId,
                    t.stakeholderTypeCode,
                    t.relatedTransactionId,
                    t.vestsAt,
                    t.expiresAt,
                    t.createdAt);
        }
    }

    /** The metadata as stored (null, or JSON null: none given). */
    private static String text(JsonNode metadata) {
        return metadata == null || metadata.isNull() ? null : metadata.toString();
    }

    static JsonNode json(String text) {
        try {
            return text == null ? null : EventJson.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private UserDtos() {}
}
