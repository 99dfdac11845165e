package org.sirgiving.kernel.errors;

import io.vertx.pgclient.PgException;
import java.util.Arrays;
import org.hibernate.exception.ConstraintViolationException;

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
        if (!isUniqueViolation(e)) {
            return false;
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String constraint = constraintOf(t);
            if (constraint != null) {
                return Arrays.asList(constraints).contains(constraint);
            }
        }
        return false;
    }

    /**
     * The violated constraint's name: Hibernate Reactive reports it as Hibernate's ConstraintViolationException (the
     * Vert.x exception is not in its cause chain); a plain Vert.x client reports PostgreSQL's own field.
     */
    private static String constraintOf(Throwable t) {
        if (t instanceof ConstraintViolationException hibernate) {
            return hibernate.getConstraintName();
        }
        if (t instanceof PgException pg) {
            return pg.getConstraint();
        }
        return null;
    }

    private ConstraintViolations() {}
}
