package org.sirgiving.outbox;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

/** Outbox rows written and read behind the application's back (plain JDBC), with the timestamps a test needs. */
final class OutboxRows {
    private OutboxRows() {}

    /** A row created at {@code createdAt} and published at {@code publishedAt} (null: not published); its id. */
    static long insert(String topic, Instant createdAt, Instant publishedAt) throws SQLException {
        try (Connection c = connect();
                PreparedStatement s =
                        c.prepareStatement("INSERT INTO outbox (topic, record_key, payload, created_at, published_at)"
                                + " VALUES (?, 'key', '{}', ?, ?) RETURNING id")) {
            s.setString(1, topic);
            s.setTimestamp(2, Timestamp.from(createdAt));
            s.setTimestamp(3, publishedAt == null ? null : Timestamp.from(publishedAt));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** The ids of {@code topic}'s rows still in the table, in order. */
    static List<Long> idsOf(String topic) throws SQLException {
        try (Connection c = connect();
                PreparedStatement s = c.prepareStatement("SELECT id FROM outbox WHERE topic = ? ORDER BY id")) {
            s.setString(1, topic);
            List<Long> ids = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getLong(1));
                }
            }
            return ids;
        }
    }

    private static Connection connect() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }
}
