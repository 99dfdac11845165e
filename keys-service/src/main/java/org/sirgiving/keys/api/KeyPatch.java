package org.sirgiving.keys.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.sirgiving.kernel.errors.ApiError;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.errors.ErrorCode;
import org.sirgiving.kernel.http.Instants;
import org.sirgiving.keys.service.KeyChange;

/**
 * Reads {@code PATCH /v1/partner/keys/{id}} ({@code {name?, isActive?, expiresAt?}}, docs/partner-api.md section 2).
 * Read field by field rather than bound to a record, because an explicit {@code "expiresAt": null} (remove the expiry)
 * must differ from an absent one (keep it). Every bad field is reported at once.
 */
final class KeyPatch {
    private final JsonNode patch;
    private final List<ApiError.FieldError> errors = new ArrayList<>();

    private KeyPatch(JsonNode patch) {
        this.patch = patch;
    }

    /** The change, or 400 with a detail per bad field; an expiry must lie after {@code now}. */
    static KeyChange read(JsonNode patch, Instant now) {
        if (patch == null || !patch.isObject()) {
            throw new ApiException(ErrorCode.INVALID_JSON, "The body must be a JSON object");
        }
        KeyPatch reader = new KeyPatch(patch);
        String name = reader.name();
        Boolean active = reader.active();
        boolean expirySet = patch.has("expiresAt");
        Instant expiresAt = reader.expiresAt(now);
        if (!reader.errors.isEmpty()) {
            throw ApiException.validation(reader.errors);
        }
        return new KeyChange(name, active, expirySet, expiresAt);
    }

    private String name() {
        JsonNode n = patch.get("name");
        if (n == null) {
            return null;
        }
        if (!n.isTextual() || n.asText().isBlank() || n.asText().length() > 100) {
            errors.add(new ApiError.FieldError("name", "must be 1 to 100 characters"));
            return null;
        }
        return n.asText().trim();
    }

    private Boolean active() {
        JsonNode n = patch.get("isActive");
        if (n == null) {
            return null;
        }
        if (!n.isBoolean()) {
            errors.add(new ApiError.FieldError("isActive", "must be true or false"));
            return null;
        }
        return n.asBoolean();
    }

    private Instant expiresAt(Instant now) {
        JsonNode n = patch.get("expiresAt");
        if (n == null || n.isNull()) {
            return null;
        }
        try {
            Instant expiresAt = Instant.parse(n.asText());
            if (!expiresAt.isAfter(now)) {
                errors.add(new ApiError.FieldError("expiresAt", "must be in the future"));
            } else if (!Instants.inRange(expiresAt)) {
                // a year PostgreSQL cannot store would otherwise be a 500
                errors.add(new ApiError.FieldError("expiresAt", "must be before the year 10000"));
            }
            return expiresAt;
        } catch (DateTimeParseException e) {
            errors.add(
                    new ApiError.FieldError("expiresAt", "must be an ISO-8601 instant such as 2027-01-31T00:00:00Z"));
            return null;
        }
    }
}
