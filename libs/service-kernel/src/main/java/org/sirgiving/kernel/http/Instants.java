package org.sirgiving.kernel.http;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.sirgiving.kernel.errors.ApiError;
import org.sirgiving.kernel.errors.ApiException;

/**
 * The one rule for a date or time query parameter ({@code from}, {@code to}; docs/partner-api.md section 5): an
 * ISO-8601 instant ({@code 2026-05-10T09:12:00Z}) or date ({@code 2026-05-10}) in the years 1970 to 9999. A date means
 * its first moment (UTC), or for the end of a range ({@link Edge#END}) the first moment of the next day, so that
 * {@code to=2026-05-10} includes that day. Anything else — a year such as +999999999 that Java parses but PostgreSQL
 * cannot store or that overflows a day later — is 400 VALIDATION_FAILED naming the parameter.
 */
public final class Instants {
    public static final int MIN_YEAR = 1970;
    public static final int MAX_YEAR = 9999;
    private static final Instant LAST_MOMENT = Instant.parse("9999-12-31T23:59:59.999999999Z");
    static final String MESSAGE =
            "must be an ISO-8601 instant (2026-05-10T09:12:00Z) or date (2026-05-10) in the years 1970 to 9999";

    /** Which end of a range a date stands for. */
    public enum Edge {
        START,
        END
    }

    /** The parameter's instant; null when absent; a bad one is added to {@code errors} (and null returned). */
    public static Instant parse(String field, String value, Edge edge, List<ApiError.FieldError> errors) {
        if (value == null) {
            return null;
        }
        try {
            return instant(value.trim(), edge);
        } catch (DateTimeException e) {
            errors.add(new ApiError.FieldError(field, MESSAGE));
            return null;
        }
    }

    /** The parameter's instant; null when absent; a bad one is a 400 naming it. */
    public static Instant parse(String field, String value, Edge edge) {
        if (value == null) {
            return null;
        }
        try {
            return instant(value.trim(), edge);
        } catch (DateTimeException e) {
            throw ApiException.validation(field, MESSAGE);
        }
    }

    /** Whether {@code instant} lies in the years this rule accepts (for instants that arrive another way). */
    public static boolean inRange(Instant instant) {
        int year = LocalDate.ofInstant(instant, ZoneOffset.UTC).getYear();
        return year >= MIN_YEAR && year <= MAX_YEAR;
    }

    private static Instant instant(String value, Edge edge) {
        if (value.length() <= 11 && !value.contains("T")) {
            LocalDate date = inRange(LocalDate.parse(value));
            if (edge == Edge.END && date.getYear() == MAX_YEAR && date.getDayOfYear() == date.lengthOfYear()) {
                // The next day would be year 10000, which an answer's RFC 3339 date-time cannot write: the last
                // moment of 9999 ends the same window to the nanosecond.
                return LAST_MOMENT;
            }
            return (edge == Edge.END ? date.plusDays(1) : date)
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant();
        }
        Instant instant = Instant.parse(value);
        inRange(LocalDate.ofInstant(instant, ZoneOffset.UTC));
        return instant;
    }

    private static LocalDate inRange(LocalDate date) {
        if (date.getYear() < MIN_YEAR || date.getYear() > MAX_YEAR) {
            throw new DateTimeException("year out of range");
        }
        return date;
    }

    private Instants() {}
}
