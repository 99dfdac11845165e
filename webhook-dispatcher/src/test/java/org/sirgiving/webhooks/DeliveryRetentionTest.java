package org.sirgiving.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.PostgresDatabaseResource;
import org.sirgiving.webhooks.service.DeliveryRetention;

/**
 * The deliveries' retention (sir.retention.deliveries.days = 45; batches of 2 here) on real PostgreSQL, with the
 * application's clock moved: deliveries that ended more than 45 days ago go with their attempts, in as many batches
 * as it takes; younger ones and open ones (however old) stay. Its own application, so that it sees only its rows.
 */
@QuarkusTest
@TestProfile(DeliveryRetentionTest.SmallBatches.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
class DeliveryRetentionTest {
    /** Open deliveries are due far in the future, so that the sender leaves them alone. */
    private static final Instant LATER = Instant.parse("2999-01-01T00:00:00Z");

    public static class SmallBatches implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sir.retention.batch-size", "2");
        }
    }

    @Inject
    DeliveryRetention retention;

    @Inject
    MutableClock clock;

    private Duration moved = Duration.ZERO;

    @AfterEach
    void clockBack() {
        clock.advance(moved.negated());
        moved = Duration.ZERO;
    }

    @Test
    void deliveriesThatEndedMoreThanTheKeptDaysAgoGoWithTheirAttemptsAndOpenOnesStay() throws Throwable {
        String endpoint = endpoint();
        Instant now = clock.instant();
        List<String> ended = new ArrayList<>();
        for (String state : List.of("SUCCEEDED", "SUCCEEDED", "FAILED", "EXHAUSTED", "EXHAUSTED")) {
            String id = delivery(endpoint, state, now);
            attempt(id, 1, now.minusSeconds(60));
            attempt(id, 2, now.minusSeconds(1));
            ended.add(id);
        }
        // Open deliveries created and last changed long before: a retry pending, an attempt in flight.
        String pending = delivery(endpoint, "PENDING", now.minus(Duration.ofDays(100)));
        attempt(pending, 1, now.minus(Duration.ofDays(100)));
        String sending = delivery(endpoint, "SENDING", now.minus(Duration.ofDays(100)));

        move(Duration.ofDays(44));
        assertEquals(0, purge(), "44 days after they ended, deliveries are kept");
        assertEquals(7, deliveries(endpoint).size());

        move(Duration.ofDays(1).plusMinutes(1));
        String young = delivery(endpoint, "SUCCEEDED", clock.instant().minus(Duration.ofDays(1)));
        attempt(young, 1, clock.instant().minus(Duration.ofDays(1)));
        assertEquals(5, purge(), "five deliveries in batches of two: three batches, one run");

        assertEquals(List.of(pending, sending, young).stream().sorted().toList(), deliveries(endpoint));
        for (String gone : ended) {
            assertEquals(0, attemptsOf(gone), "the attempts of " + gone + " went with it");
        }
        assertEquals(1, attemptsOf(pending));
        assertEquals(1, attemptsOf(young));
    }

    private void move(Duration by) {
        clock.advance(by);
        moved = moved.plus(by);
    }

    private long purge() throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> retention.purge());
    }

    private static String endpoint() throws SQLException {
        String id = "whk_" + UUID.randomUUID().toString().replace("-", "");
        update(
                "INSERT INTO webhook_endpoints (id, partner_id, environment, url, secret_sealed, is_active, created_at,"
                        + " updated_at) VALUES (?, 'ptn_retention', 'sandbox', 'https://example.org/hook', 'sealed',"
                        + " false, now(), now())",
                id);
        return id;
    }

    /** A delivery in {@code state}, last changed (for an ended one: ended) at {@code updatedAt}; its id. */
    private static String delivery(String endpoint, String state, Instant updatedAt) throws SQLException {
        String id = "dlv_" + UUID.randomUUID().toString().replace("-", "");
        boolean open = state.equals("PENDING") || state.equals("SENDING");
        update(
                "INSERT INTO webhook_deliveries (id, endpoint_id, partner_id, environment, event_id, event_type, payload,"
                        + " state, next_attempt_at, delivered_at, created_at, updated_at)"
                        + " VALUES (?, ?, 'ptn_retention', 'sandbox', ?, 'action.completed', '{}', ?, ?, ?, ?, ?)",
                id,
                endpoint,
                "evt_" + UUID.randomUUID().toString().replace("-", ""),
                state,
                open ? Timestamp.from(LATER) : null,
                state.equals("SUCCEEDED") ? Timestamp.from(updatedAt) : null,
                Timestamp.from(updatedAt.minusSeconds(120)),
                Timestamp.from(updatedAt));
        return id;
    }

    private static void attempt(String delivery, int attempt, Instant at) throws SQLException {
        update(
                "INSERT INTO webhook_attempts (id, delivery_id, attempt, status_code, latency_ms, attempted_at)"
                        + " VALUES (?, ?, ?, 500, 12, ?)",
                "att_" + UUID.randomUUID().toString().replace("-", ""),
                delivery,
                attempt,
                Timestamp.from(at));
    }

    /** The ids of the endpoint's deliveries still stored, sorted. */
    private static List<String> deliveries(String endpoint) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = connect();
                PreparedStatement s =
                        c.prepareStatement("SELECT id FROM webhook_deliveries WHERE endpoint_id = ? ORDER BY id")) {
            s.setString(1, endpoint);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getString(1));
                }
            }
        }
        return ids;
    }

    private static long attemptsOf(String delivery) throws SQLException {
        try (Connection c = connect();
                PreparedStatement s =
                        c.prepareStatement("SELECT count(*) FROM webhook_attempts WHERE delivery_id = ?")) {
            s.setString(1, delivery);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static void update(String statement, Object... params) throws SQLException {
        try (Connection c = connect();
                PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.executeUpdate();
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
