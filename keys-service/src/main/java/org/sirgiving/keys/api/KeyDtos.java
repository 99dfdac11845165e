package org.sirgiving.keys.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.sirgiving.events.Environment;
import org.sirgiving.kernel.validation.OneOf;
import org.sirgiving.keys.domain.ApiKey;
import org.sirgiving.keys.service.IssueKey;
import org.sirgiving.keys.service.IssuedKey;

/** Request and response bodies of the key-management endpoints (docs/partner-api.md section 2). */
public final class KeyDtos {

    public record CreateKeyRequest(
            @NotBlank @Size(max = 100) String name,

            @NotNull @OneOf(value = Environment.class, ignoreCase = true)
            String environment,

            @Size(max = 50) String keyType) {

        IssueKey toCommand(String ownerSubject, String ownerName) {
            return new IssueKey(ownerSubject, ownerName, name.trim(), Environment.fromWire(environment), keyType);
        }
    }

    /** A key as listed: never a secret. */
    public record KeyView(
            String id,
            String partnerId,
            String name,
            String environment,
            String keyType,
            String publicKey,
            boolean isActive,
            Instant expiresAt,
            Instant createdAt) {
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
    public record IssuedKeyView(
            String id,
            String partnerId,
            String name,
            String environment,
            String keyType,
            String publicKey,
            String secretKey,
            String hmacSecret,
            boolean isActive,
            Instant expiresAt,
            Instant createdAt) {
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

    private KeyDtos() {}
}
