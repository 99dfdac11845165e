package org.sirgiving.testinfra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh, empty database on the machine's real PostgreSQL for each test application, dropped afterwards.
 * The server and the {@code sir} role (with CREATEDB) come from {@code scripts/postgres-up}; override with
 * SIR_PG_HOST, SIR_PG_PORT, SIR_PG_USER, SIR_PG_PASSWORD.
 */
public class PostgresDatabaseResource implements QuarkusTestResourceLifecycleManager {
    public static final String HOST = env("SIR_PG_HOST", "127.0.0.1");
    public static final String PORT = env("SIR_PG_PORT", "5432");
    public static final String USER = env("SIR_PG_USER", "sir");
    public static final String PASSWORD = env("SIR_PG_PASSWORD", "sir");

    private String database;

    @Override
    public Map<String, String> start() {
        database = "sir_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin("CREATE DATABASE " + database);
        return Map.of(
                "quarkus.datasource.username",
                USER,
                "quarkus.datasource.password",
                PASSWORD,
                "quarkus.datasource.reactive.url",
                "postgresql://" + HOST + ":" + PORT + "/" + database,
                "quarkus.datasource.jdbc.url",
                jdbcUrl(database));
    }

    @Override
    public void stop() {
        if (database != null) {
            admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    private static void admin(String sql) {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL is needed for the tests (run scripts/postgres-up): " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
