package org.sirgiving.actions.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.sirgiving.kernel.errors.ApiError;
import org.sirgiving.kernel.errors.ApiException;

/**
 * A validated listing query: filters, page size, and the keyset cursor (the last row's createdAt and id, opaque to
 * partners) that makes pages stable while new actions arrive.
 */
public record ActionQuery(
        String status, String actionType, Instant from, Instant to, Instant afterCreatedAt, String afterId, int limit) {
    private static final Set<String> STATUSES = Set.of("PENDING", "COMPLETED", "FAILED", "REVERSED");
    private static final Set<String> TYPES =
            Set.of("DONATION", "VOLUNTEER", "PURCHASE", "REFERRAL", "ADVOCACY", "SIGNUP", "CUSTOM");

    public static ActionQuery parse(
            String status, String actionType, String from, String to, String cursor, String limit) {
        List<ApiError.FieldError> errors = new ArrayList<>();
        if (status != null && !STATUSES.contains(status)) {
            errors.add(new ApiError.FieldError("status", "must be one of " + STATUSES));
        }
        if (actionType != null && !TYPES.contains(actionType)) {
            errors.add(new ApiError.FieldError("actionType", "must be one of " + TYPES));
        }
        Instant fromAt = instant("from", from, errors);
        Instant toAt = instant("to", to, errors);
        if (fromAt != null && toAt != null && !fromAt.isBefore(toAt)) {
            errors.add(new ApiError.FieldError("to", "must be after from"));
        }
        int size = 20;
        if (limit != null) {
            try {
                size = Integer.parseInt(limit);
                if (size < 1 || size > 100) {
                    errors.add(new ApiError.FieldError("limit", "must be between 1 and 100"));
                }
            } catch (NumberFormatException e) {
                errors.add(new ApiError.FieldError("limit", "must be a whole number between 1 and 100"));
            }
        }
        Instant afterCreatedAt = null;
        String afterId = null;
        if (cursor != null) {
            try {
                String[] parts =
                        new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
                afterCreatedAt = Instant.parse(parts[0]);
                afterId = parts[1];
            } catch (IllegalArgumentException | DateTimeParseException | ArrayIndexOutOfBoundsException e) {
                errors.add(new ApiError.FieldError("cursor", "is not a cursor returned by this endpoint"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new ActionQuery(status, actionType, fromAt, toAt, afterCreatedAt, afterId, size);
    }

    public static String cursorOf(Instant createdAt, String id) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((createdAt.toString() + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    private static Instant instant(String field, String value, List<ApiError.FieldError> errors) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new ApiError.FieldError(field, "must be an ISO-8601 instant such as 2026-05-10T00:00:00Z"));
            return null;
        }
    }
}
