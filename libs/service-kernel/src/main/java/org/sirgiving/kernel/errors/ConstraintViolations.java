package org.sirgiving.kernel.errors;

import io.vertx.pgclient.PgException;
import java.util.Arrays;

/**
 * Recognises a lost race to insert the same row: a unique violation (SQLSTATE 23505), optionally of given constraints.
 * Classified by SQLSTATE and PostgreSQL's constraint name, never by message text.
 */
public final class ConstraintViolations {
    private static final String UNIQUE_VIOLATION = "23505";

    /** A unique violation of any constraint. */
    public static boolean isUniqueViolation(Throwable e) {
        return UNIQUE_VIOLATION.equals(TransientFailure.sqlStateIn(e));
    }

    /** A unique violation of one of {@code constraints}. */
    public static boolean violates(Throwable e, String... constraints) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
                return Arrays.asList(constraints).contains(pg.getConstraint());
            }
        }
        return false;
    }

    private ConstraintViolations() {}
}
