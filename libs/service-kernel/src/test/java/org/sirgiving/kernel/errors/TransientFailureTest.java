package org.sirgiving.kernel.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.net.ServerSocket;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The retry rule against what the machine's PostgreSQL (scripts/postgres-up) really raises through the reactive
 * client: the failures worth retrying are recognised by SQLSTATE and type, the ones that belong to the data are not.
 */
class TransientFailureTest {
    private static Vertx vertx;
    private static PgPool pool;

    @BeforeAll
    static void connect() {
        vertx = Vertx.vertx();
        pool = PgPool.pool(vertx, options(5432), new PoolOptions().setMaxSize(2));
    }

    @AfterAll
    static void close() {
        pool.close();
        vertx.close();
    }

    @Test
    void tooManyConnectionsSerializationFailuresAndDeadlocksAreTransient() {
        // Raised by PostgreSQL itself (the session-ending classes 08 and 57P make the client drop the connection, so
        // they are not raised here; their type is the same PgException).
        for (String state : new String[] {"53300", "40001", "40P01", "55P03"}) {
            Throwable e = failureOf("DO $$ BEGIN RAISE EXCEPTION 'injected' USING ERRCODE = '" + state + "'; END $$");
            assertEquals(state, TransientFailure.sqlStateIn(e));
            assertTrue(TransientFailure.is(e), state);
        }
    }

    @Test
    void dataThePostgreSqlCannotStoreOrComputeIsNotTransient() {
        Throwable nul = failure(pool.preparedQuery("SELECT $1::text").execute(Tuple.of("a\u0000b")));
        assertEquals("22021", TransientFailure.sqlStateIn(nul));
        assertFalse(TransientFailure.is(nul));
        Throwable divide = failureOf("SELECT 1 / 0");
        assertEquals("22012", TransientFailure.sqlStateIn(divide));
        assertFalse(TransientFailure.is(divide));
        assertFalse(TransientFailure.is(new ArithmeticException("BigInteger out of long range")));
        assertFalse(TransientFailure.is(new IllegalStateException("a rule threw")));
    }

    @Test
    void aPoolAcquisitionTimeOutIsTransient() {
        PgPool one = PgPool.pool(
                vertx,
                options(5432),
                new PoolOptions().setMaxSize(1).setConnectionTimeout(2).setConnectionTimeoutUnit(TimeUnit.SECONDS));
        SqlConnection held =
                one.getConnection().toCompletionStage().toCompletableFuture().join();
        try {
            Throwable e = failure(one.getConnection());
            assertTrue(TransientFailure.is(e), e.getClass().getName() + ": " + e.getMessage());
        } finally {
            held.close();
            one.close();
        }
    }

    @Test
    void aDatabaseNobodyListensOnIsTransient() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        PgPool nowhere = PgPool.pool(vertx, options(port), new PoolOptions().setMaxSize(1));
        try {
            Throwable e = failure(nowhere.query("SELECT 1").execute());
            assertTrue(TransientFailure.is(e), e.toString());
        } finally {
            nowhere.close();
        }
    }

    @Test
    void aDependencyThatCouldNotAnswerIsTransientWhateverItsTransportRaised() {
        // The REST client reports a lost connection as a bare IOException: only the call site can say what it was.
        assertFalse(TransientFailure.is(new java.io.IOException("Connection was closed")));
        assertTrue(TransientFailure.is(new DependencyUnavailable(
                "keys-service could not answer", new java.io.IOException("Connection was closed"))));
        assertTrue(TransientFailure.is(new io.vertx.core.http.HttpClosedException("Connection was closed")));
        assertFalse(TransientFailure.is(new io.vertx.core.VertxException("a subtype we do not know") {}));
    }

    private static Throwable failureOf(String sql) {
        return failure(pool.query(sql).execute());
    }

    private static Throwable failure(Future<?> f) {
        try {
            f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError("no answer from PostgreSQL", e);
        }
        throw new AssertionError("expected a failure");
    }

    private static PgConnectOptions options(int port) {
        return new PgConnectOptions()
                .setHost(env("SIR_PG_HOST", "127.0.0.1"))
                .setPort(port)
                .setDatabase("postgres")
                .setUser(env("SIR_PG_USER", "sir"))
                .setPassword(env("SIR_PG_PASSWORD", "sir"));
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
