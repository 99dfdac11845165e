package org.sirgiving.rewards.api;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.sirgiving.events.EventJson;
import org.sirgiving.kernel.validation.Identifier;
import org.sirgiving.kernel.validation.JsonObjectOfAtMost;
import org.sirgiving.kernel.validation.UrlPathSegment;
import org.sirgiving.rewards.domain.PartnerUser;
import org.sirgiving.rewards.domain.Transaction;
import org.sirgiving.rewards.service.UserAccounts;

/** Users, balances and transactions as partners see them (docs/partner-api.md section 5). */
public final class UserDtos {

    /** {@code POST /v1/partner/users}. {@code externalId} is the partner's own id (the actions' partnerUserId). */
    @Schema(name = "NewUser", description = "A user of the partner's, known by the partner's own id.")
    public record CreateUser(
            @NotBlank @Size(max = 255) @Identifier @UrlPathSegment
            @JsonAlias("partnerUserId")
            @Schema(
                    description =
                            "Your own id for the user (the actions' `partnerUserId`; accepted under that name"
                                    + " too). Not `.` or `..` nor starting with `./`, `../`, `.\\` or `..\\`: it goes in URL paths.",
                    examples = "user_12345")
            String externalId,

            @Email @Size(max = 320) @Schema(examples = "ada@example.com")
            String email,

            @Size(max = 100) @Schema(examples = "Ada") String firstName,
            @Size(max = 100) @Schema(examples = "Lovelace") String lastName,

            @JsonObjectOfAtMost(bytes = 8192)
            @Schema(
                    implementation = Map.class,
                    description = "Any JSON object of yours, up to 8 KiB.",
                    examples = "{\"tier\": \"gold\"}")
            JsonNode metadata) {
        UserAccounts.NewUser command() {
            return new UserAccounts.NewUser(externalId, email, firstName, lastName, text(metadata));
        }
    }

    /** {@code PATCH /v1/partner/users/{externalId}}: absent (or null) fields stay as they are; metadata is replaced whole. */
    @Schema(name = "UserUpdate", description = "Absent (or null) fields stay as they are; metadata is replaced whole.")
    public record UpdateUser(
            @Email @Size(max = 320) @Schema(examples = "ada@example.org")
            String email,

            @Size(max = 100) @Schema(examples = "Ada") String firstName,
            @Size(max = 100) @Schema(examples = "King") String lastName,

            @JsonObjectOfAtMost(bytes = 8192)
            @Schema(
                    implementation = Map.class,
                    description = "Any JSON object of yours, up to 8 KiB; replaces the stored one.",
                    examples = "{\"tier\": \"platinum\"}")
            JsonNode metadata) {
        UserAccounts.UserChanges command() {
            return new UserAccounts.UserChanges(email, firstName, lastName, text(metadata));
        }
    }

    @Schema(
            name = "User",
            description = "A user of the partner's, in one environment.",
            requiredProperties = {
                "id",
                "externalId",
                "email",
                "firstName",
                "lastName",
                "metadata",
                "createdAt",
                "updatedAt"
            })
    public record UserView(
            @Schema(examples = "usr_1f2e3d4c5b6a79880a9b8c7d")
            String id,

            @Schema(description = "Your own id for the user.", examples = "user_12345")
            String externalId,

            @Schema(nullable = true, examples = "ada@example.com")
            String email,

            @Schema(nullable = true, examples = "Ada") String firstName,
            @Schema(nullable = true, examples = "Lovelace") String lastName,

            @Schema(implementation = Map.class, nullable = true, examples = "{\"tier\": \"gold\"}")
            JsonNode metadata,

            Instant createdAt,
            Instant updatedAt) {
        public static UserView of(PartnerUser u) {
            return new UserView(
                    u.id, u.externalId, u.email, u.firstName, u.lastName, json(u.metadata), u.createdAt, u.updatedAt);
        }
    }

    @Schema(
            name = "UserBalance",
            description = "A user's tokens.",
            requiredProperties = {"userId", "externalId", "available", "pending", "lifetimeEarned", "expired"})
    public record BalanceView(
            @Schema(examples = "usr_1f2e3d4c5b6a79880a9b8c7d")
            String userId,

            @Schema(examples = "user_12345") String externalId,

            @Schema(description = "Usable now.", examples = "120")
            long available,

            @Schema(description = "Still vesting.", examples = "30")
            long pending,

            @Schema(description = "Every token ever earned, net of reversals.", examples = "175")
            long lifetimeEarned,

            @Schema(description = "Expired unused.", examples = "25")
            long expired) {
        public static BalanceView of(PartnerUser u, UserAccounts.Balance b) {
            return new BalanceView(u.id, u.externalId, b.available(), b.pending(), b.lifetimeEarned(), b.expired());
        }
    }

    @Schema(
            name = "Transaction",
            description = "Tokens credited to (or taken back from) a user by an action, a reversal or expiry.",
            requiredProperties = {
                "id",
                "type",
                "status",
                "tokens",
                "actionId",
                "stakeholderTypeCode",
                "relatedTransactionId",
                "vestsAt",
                "expiresAt",
                "createdAt"
            })
    public record TransactionView(
            @Schema(examples = "txn_a1b2c3d4e5f6a7b8c9d0e1f2")
            String id,

            Transaction.Type type,
            Transaction.Status status,

            @Schema(description = "Positive for REWARD, negative for REVERSAL and EXPIRY.", examples = "25")
            long tokens,

            @Schema(examples = "act_9f8e7d6c5b4a39281706f5e4")
            String actionId,

            @Schema(nullable = true, examples = "DONOR") String stakeholderTypeCode,

            @Schema(description = "The REWARD a REVERSAL or EXPIRY undoes.", nullable = true)
            String relatedTransactionId,

            @Schema(
                    implementation = String.class,
                    format = "date-time",
                    nullable = true,
                    description = "When the tokens become usable; null: at once.")
            Instant vestsAt,

            @Schema(
                    implementation = String.class,
                    format = "date-time",
                    nullable = true,
                    description = "When unused tokens expire; null: never.")
            Instant expiresAt,

            Instant createdAt) {
        public static TransactionView of(Transaction t) {
            return new TransactionView(
                    t.id,
                    t.type,
                    t.status,
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
