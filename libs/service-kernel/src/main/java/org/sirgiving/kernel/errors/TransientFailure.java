package org.sirgiving.kernel.errors;

import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * The one rule for "this failure will pass, try again": by exception type and by SQLSTATE, never by message text.
 * Requests answer such a failure 503 with {@code Retry-After}; consumers retry the record with backoff.
 * Anything else belongs to the input itself (bad data, an overflow, a rule that throws) and is decided, not retried.
 */
public final class TransientFailure {

    public static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (isTransientType(t)) {
                return true;
            }
            String state = sqlState(t);
            if (state != null) {
                // The first SQLSTATE in the chain decides: a wrapper's cause repeats it.
                return isTransientSqlState(state);
            }
        }
        return false;
    }

    /**
     * SQLSTATEs that say "not now" rather than "never": class 08 (connection exception), class 53 (insufficient
     * resources: 53300 too many connections, 53100 disk full, 53200 out of memory), 57P01–57P05 (admin/crash
     * shutdown, cannot connect now, idle session timeout), 40001 (serialization failure), 40P01 (deadlock detected),
     * 55P03 (lock not available) and 58000/58030 (system and I/O errors).
     */
    static boolean isTransientSqlState(String state) {
        return state.startsWith("08")
                || state.startsWith("53")
                || state.startsWith("57P")
                || state.equals("40001")
                || state.equals("40P01")
                || state.equals("55P03")
                || state.startsWith("58");
    }

    /** The first SQLSTATE in {@code e}'s cause chain, or null when no database failure is in it. */
    public static String sqlStateIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String state = sqlState(t);
            if (state != null) {
                return state;
            }
        }
        return null;
    }

    /** The SQLSTATE a database failure carries: Vert.x's own exception, or the JDBC one Hibernate Reactive wraps it in. */
    static String sqlState(Throwable t) {
        if (t instanceof SQLException sql) {
            return sql.getSQLState();
        }
        if (t instanceof DatabaseException db) {
            return db.getSqlState();
        }
        return null;
    }

    private static boolean isTransientType(Throwable t) {
        return t instanceof DependencyUnavailable // a call to another service failed (raised where it was made)
                || t
                        instanceof
                        SocketException // includes ConnectException: nothing listens, or the connection was reset
                || t instanceof ClosedChannelException
                || t instanceof ClosedConnectionException // the database connection went away
                || t instanceof TimeoutException // includes Vert.x's and Mutiny's time-outs
                || t instanceof RetriableException // the client says: retry
                // Vert.x raises connection-level failures as the bare base type (for example the SQL pool's
                // "Timeout waiting for connection" and "Connection was closed"), with no subtype to tell them apart; a
                // database error is always a DatabaseException subclass, so the bare type is infrastructure.
                || t.getClass() == VertxException.class
                || t instanceof HttpClosedException // an HTTP peer closed the connection before it answered
                || t instanceof ConnectionPoolTooBusyException // the HTTP client's queue is full: not now
                // The SQL pool's acquisition time-out ("Timeout") arrives as Vert.x's message-only throwable, which
                // Vert.x uses for its own infrastructure failures only (TransientFailureTest shows the real one).
                || t instanceof NoStackTraceThrowable;
    }

    private TransientFailure() {}
}
