package org.sirgiving.kernel.http;

import java.util.ArrayList;
import java.util.List;
import org.sirgiving.kernel.errors.ApiError;
import org.sirgiving.kernel.errors.ApiException;

/**
 * A page of a list endpoint ({@code ?page=1&limit=20}): the envelope every list answers with (docs/partner-api.md
 * section 5): {@code data}, {@code page}, {@code limit}, {@code total}.
 */
public record Page<T>(List<T> data, int page, int limit, long total) {

    /** The page of {@code all} (a list already whole in memory, and small) that {@code request} asks for. */
    public static <T> Page<T> of(List<T> all, Request request) {
        int from = (int) Math.min(all.size(), request.offset());
        int to = (int) Math.min(all.size(), (long) from + request.limit());
        return new Page<>(List.copyOf(all.subList(from, to)), request.page(), request.limit(), all.size());
    }

    /**
     * A list's {@code page} (from 1, at most {@value #MAX_PAGE}; default 1) and {@code limit} (1 to {@value #MAX_LIMIT};
     * default {@value #DEFAULT_LIMIT}), the one rule of every list (docs/partner-api.md section 5). Parsed here from
     * the raw query strings so that a bad one — not a number, out of range, too large for an int — is 400
     * VALIDATION_FAILED naming the parameter, and so that {@code (page - 1) * limit} always fits the database's offset.
     */
    public record Request(int page, int limit) {
        public static final int MAX_PAGE = 1_000_000;
        public static final int MAX_LIMIT = 100;
        public static final int DEFAULT_LIMIT = 20;

        /** {@code page} and {@code limit} as sent (null: absent); every bad one reported at once. */
        public static Request of(String page, String limit) {
            List<ApiError.FieldError> errors = new ArrayList<>();
            int p = bounded("page", page, 1, 1, MAX_PAGE, errors);
            int l = bounded("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT, errors);
            if (!errors.isEmpty()) {
                throw ApiException.validation(errors);
            }
            return new Request(p, l);
        }

        /** Rows to skip: at most 99,999,900. */
        public long offset() {
            return (long) (page - 1) * limit;
        }

        /** 0-based page index (Panache's {@code page(index, size)}). */
        public int index() {
            return page - 1;
        }

        public <T> Page<T> of(List<T> data, long total) {
            return new Page<>(data, page, limit, total);
        }

        private static int bounded(
                String name, String value, int absent, int min, int max, List<ApiError.FieldError> errors) {
            if (value == null || value.isEmpty()) {
                return absent;
            }
            try {
                int v = Integer.parseInt(value.trim());
                if (v >= min && v <= max) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below, as out of range is
            }
            errors.add(new ApiError.FieldError(name, "must be a whole number from " + min + " to " + max));
            return absent;
        }
    }
}
