package org.sirgiving.actions.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import org.sirgiving.actions.domain.Action;
import org.sirgiving.actions.domain.ActionFilter;
import org.sirgiving.actions.domain.ActionStatus;
import org.sirgiving.events.ActionType;
import org.sirgiving.kernel.errors.ApiError;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.http.Instants;
import org.sirgiving.kernel.validation.StorableText;

/**
 * The listing's query parameters, validated all at once (every bad one is reported by field) into an
 * {@link ActionFilter}. The cursor is the last row's createdAt and id, opaque to partners. {@code from} and {@code to}
 * follow the one rule of every date parameter ({@link Instants}).
 */
final class ActionListQuery {
    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 100;

    static ActionFilter parse(String status, String actionType, String from, String to, String cursor, String limit) {
        List<ApiError.FieldError> errors = new ArrayList<>();
        ActionStatus statusIs = constant("status", ActionStatus.class, status, errors);
        ActionType typeIs = constant("actionType", ActionType.class, actionType, errors);
        Instant fromAt = Instants.parse("from", from, Instants.Edge.START, errors);
        Instant toAt = Instants.parse("to", to, Instants.Edge.END, errors);
        if (fromAt != null && toAt != null && !fromAt.isBefore(toAt)) {
            errors.add(new ApiError.FieldError("to", "must be after from"));
        }
        int size = limit(limit, errors);
        ActionFilter.Position after = position(cursor, errors);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new ActionFilter(statusIs, typeIs, fromAt, toAt, after, size);
    }

    /** The cursor of the page that follows {@code last}. */
    static String cursorAfter(Action last) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((last.createdAt.toString() + "|" + last.id).getBytes(StandardCharsets.UTF_8));
    }

    private static <E extends Enum<E>> E constant(
            String field, Class<E> type, String value, List<ApiError.FieldError> errors) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            String names =
                    Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
            errors.add(new ApiError.FieldError(field, "must be one of " + names));
            return null;
        }
    }

    private static int limit(String value, List<ApiError.FieldError> errors) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int size = Integer.parseInt(value);
            if (size < 1 || size > MAX_LIMIT) {
                errors.add(new ApiError.FieldError("limit", "must be between 1 and 100"));
            }
            return size;
        } catch (NumberFormatException e) {
            errors.add(new ApiError.FieldError("limit", "must be a whole number between 1 and 100"));
            return DEFAULT_LIMIT;
        }
    }

    private static ActionFilter.Position position(String cursor, List<ApiError.FieldError> errors) {
        if (cursor == null) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
            Instant at = Instant.parse(parts[0]);
            // the id part goes into a query: it must be text PostgreSQL can take (a forged cursor may carry a NUL)
            if (!Instants.inRange(at) || !StorableText.Rule.identifier(parts[1])) {
                throw new IllegalArgumentException("not a cursor this endpoint returns");
            }
            return new ActionFilter.Position(at, parts[1]);
        } catch (IllegalArgumentException | DateTimeParseException | ArrayIndexOutOfBoundsException e) {
            errors.add(new ApiError.FieldError("cursor", "is not a cursor returned by this endpoint"));
            return null;
        }
    }

    private ActionListQuery() {}
}
