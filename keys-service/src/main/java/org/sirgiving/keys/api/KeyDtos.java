package org.sirgiving.keys.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.sirgiving.events.Environment;
import org.sirgiving.kernel.validation.OneOf;
import org.sirgiving.keys.domain.ApiKey;
import org.sirgiving.keys.service.IssueKey;
import org.sirgiving.keys.service.IssuedKey;

/** Request and response bodies of the key-management endpoints (docs/partner-api.md section 2). */
public final class KeyDtos {

    @Schema(name = "CreateApiKeyRequest", description = "A new key pair.")
    public record CreateKeyRequest(
            @Schema(description = "Your label for the key.", examples = "backend") @NotBlank @Size(max = 100) String name,

            @Schema(
                    type = SchemaType.STRING,
                    implementation = Environment.class,
                    description = "Where the key works (`sandbox` keys are `pk_test_`/`sk_test_`, `production`"
                            + " keys `pk_live_`/`sk_live_`); any case is accepted. Production needs an"
                            + " approved production request.",
                    examples = "sandbox")
            @NotNull @OneOf(value = Environment.class, ignoreCase = true)
            String environment,

            @Schema(
                    description = "Your own label for the kind of key; `standard` when not given.",
                    examples = "standard")
            @Size(max = 50) String keyType) {

        IssueKey toCommand(String ownerSubject, String ownerName) {
            return new IssueKey(ownerSubject, ownerName, name.trim(), Environment.fromWire(environment), keyType);
        }
    }

    /** A key as listed: never a secret. */
    @Schema(name = "ApiKey", description = "A key pair as listed: never its secrets.")
    public record KeyView(
            @Schema(required = true, examples = KEY_ID) String id,
            @Schema(required = true, examples = PARTNER_ID) String partnerId,
            @Schema(required = true, examples = "backend") String name,

            @Schema(required = true, type = SchemaType.STRING, implementation = Environment.class)
            String environment,

            @Schema(required = true, examples = "standard") String keyType,
            @Schema(required = true, examples = PUBLIC_KEY) String publicKey,

            @Schema(
                    required = true,
                    description = "False once deactivated (PATCH `isActive`); an expired key stays true but"
                            + " stops working at `expiresAt`.")
            boolean isActive,

            @Schema(
                    required = true,
                    implementation = String.class,
                    format = "date-time",
                    nullable = true,
                    description = "When the key stops working; null: never.",
                    examples = "2027-06-30T00:00:00Z")
            Instant expiresAt,

            @Schema(required = true, examples = CREATED_AT) Instant createdAt) {
        public static KeyView of(ApiKey k) {
            return new KeyView(
                    k.id,
                    k.partnerId,
                    k.name,
                    k.environment.wireName(),
                    k.keyType,
                    k.publicKey,
                    k.active,
                    k.expiresAt,
                    k.createdAt);
        }
    }

    /** The create response: the only place {@code secretKey} and {@code hmacSecret} ever appear. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(
            name = "CreatedApiKey",
            description = "The new key pair. `secretKey` and `hmacSecret` are shown here once and never again: store"
                    + " them now.")
    public record IssuedKeyView(
            @Schema(required = true, examples = KEY_ID) String id,
            @Schema(required = true, examples = PARTNER_ID) String partnerId,
            @Schema(required = true, examples = "backend") String name,

            @Schema(required = true, type = SchemaType.STRING, implementation = Environment.class)
            String environment,

            @Schema(required = true, examples = "standard") String keyType,

            @Schema(required = true, description = "Identifies you (`X-Partner-Key`).", examples = PUBLIC_KEY)
            String publicKey,

            @Schema(
                    required = true,
                    description = "The secret key: `X-Partner-Key` of writes. Shown once.",
                    examples = "sk_test_1a1ef2bdf778b8590aeae0ebe4c4673594b2da461f92060ad9d119992374cef7")
            String secretKey,

            @Schema(
                    required = true,
                    description = "The HMAC secret that signs requests (`X-Signature`). Shown once.",
                    examples = "c811036fa2d76be221a0d985c2bff8b219863a9c60f1524fafe0bca58354c616")
            String hmacSecret,

            @Schema(required = true) boolean isActive,

            @Schema(description = "Absent: the key does not expire.", examples = "2027-06-30T00:00:00Z")
            Instant expiresAt,

            @Schema(required = true, examples = CREATED_AT) Instant createdAt) {
        public static IssuedKeyView of(IssuedKey issued) {
            ApiKey k = issued.key();
            return new IssuedKeyView(
                    k.id,
                    k.partnerId,
                    k.name,
                    k.environment.wireName(),
                    k.keyType,
                    k.publicKey,
                    issued.secretKey(),
                    issued.hmacSecret(),
                    k.active,
                    k.expiresAt,
                    k.createdAt);
        }
    }

    /**
     * {@code PATCH /v1/partner/keys/{id}} as documented. The endpoint reads the body field by field ({@link KeyPatch}),
     * because an explicit {@code "expiresAt": null} differs from an absent one; this record only describes it.
     */
    @Schema(
            name = "UpdateApiKeyRequest",
            description = "Changes to a key; fields left out stay as they are.",
            examples = "{\"name\": \"backend (old)\", \"isActive\": false, \"expiresAt\": \"2027-06-30T00:00:00Z\"}")
    public record UpdateKeyRequest(
            @Schema(description = "A new label.", minLength = 1, maxLength = 100)
            String name,

            @Schema(description = "False deactivates the key, true reactivates it.")
            Boolean isActive,

            @Schema(
                    implementation = String.class,
                    format = "date-time",
                    nullable = true,
                    description = "A future instant sets the expiry; null removes it.")
            Instant expiresAt) {}

    static final String KEY_ID = "key_2d6061284a647e29874a31d1";
    static final String PARTNER_ID = "ptn_7bd81d1a7d21e4113032b229";
    static final String PUBLIC_KEY = "pk_test_068094188c9c74305599a343865bc50b0c382bc670f1fa0f1fdda1ee20d372b0";
    static final String CREATED_AT = "2026-12-02T01:52:51.507Z";

    private KeyDtos() {}
}
