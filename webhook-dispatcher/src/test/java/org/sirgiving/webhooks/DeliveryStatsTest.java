package org.sirgiving.webhooks;

import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.PostgresDatabaseResource;

/** The dashboard's delivery figures (docs/partner-api.md section 5), over deliveries whose states are known. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
class DeliveryStatsTest {
    private static final String TOKEN = "dev-internal-token";
    private static final Instant FROM = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-04-01T00:00:00Z");
    private static final Instant IN = Instant.parse("2026-03-15T12:00:00Z");
    private static final Instant BEFORE = Instant.parse("2026-02-10T00:00:00Z");
    /** Open deliveries are due far in the future, so that the sender leaves them alone. */
    private static final Instant LATER = Instant.parse("2999-01-01T00:00:00Z");

    @Test
    void deliveriesDecidedInThePeriodAndThoseStillOpenAreCountedForThePartnersEnvironmentOnly() throws Exception {
        String partner = "ptn_" + UUID.randomUUID().toString().replace("-", "");
        String sandbox = endpoint(partner, "sandbox");
        delivery(sandbox, partner, "sandbox", "SUCCEEDED", IN, IN);
        delivery(sandbox, partner, "sandbox", "SUCCEEDED", IN.plusSeconds(60), IN);
        delivery(sandbox, partner, "sandbox", "SUCCEEDED", FROM, FROM);
        delivery(sandbox, partner, "sandbox", "SUCCEEDED", BEFORE, BEFORE);
        delivery(sandbox, partner, "sandbox", "SUCCEEDED", TO, TO);
        delivery(sandbox, partner, "sandbox", "EXHAUSTED", null, IN);
        delivery(sandbox, partner, "sandbox", "FAILED", null, IN);
        delivery(sandbox, partner, "sandbox", "EXHAUSTED", null, BEFORE);
        delivery(sandbox, partner, "sandbox", "PENDING", null, BEFORE);
        delivery(sandbox, partner, "sandbox", "SENDING", null, IN);
        // Another environment and another partner count for themselves only.
        String production = endpoint(partner, "production");
        delivery(production, partner, "production", "SUCCEEDED", IN, IN);
        delivery(production, partner, "production", "PENDING", null, IN);
        String other = "ptn_other_" + UUID.randomUUID().toString().replace("-", "");
        delivery(endpoint(other, "sandbox"), other, "sandbox", "FAILED", null, IN);

        stats(partner, "sandbox", FROM, TO)
                .then()
                .statusCode(200)
                .body("delivered", is(3))
                .body("failed", is(2))
                .body("pending", is(2));
        stats(partner, "production", FROM, TO)
                .then()
                .statusCode(200)
                .body("delivered", is(1))
                .body("failed", is(0))
                .body("pending", is(1));
        stats("ptn_nobody", "sandbox", FROM, TO)
                .then()
                .statusCode(200)
                .body("delivered", is(0))
                .body("failed", is(0))
                .body("pending", is(0));
    }

    @Test
    void onlyCallersWithTheInternalTokenAndAWellFormedQueryGetFigures() {
        RestAssured.given()
                .queryParam("partnerId", "ptn_1")
                .queryParam("environment", "sandbox")
                .queryParam("from", FROM.toString())
                .queryParam("to", TO.toString())
                .get("/internal/v1/delivery-stats")
                .then()
                .statusCode(403)
                .body("code", is("FORBIDDEN"));
        stats("ptn_1", "staging", FROM, TO).then().statusCode(400).body("code", is("VALIDATION_FAILED"));
        stats("ptn_1", "sandbox", TO, FROM).then().statusCode(400).body("details[0].field", is("from"));
        RestAssured.given()
                .header("X-Internal-Token", TOKEN)
                .queryParam("partnerId", "ptn_1")
                .queryParam("environment", "sandbox")
                .queryParam("from", "yesterday")
                .queryParam("to", TO.toString())
                .get("/internal/v1/delivery-stats")
                .then()
                .statusCode(400)
                .body("details[0].field", is("from"));
    }

    private static Response stats(String partner, String env, Instant from, Instant to) {
        return RestAssured.given()
                .header("X-Internal-Token", TOKEN)
                .queryParam("partnerId", partner)
                .queryParam("environment", env)
                .queryParam("from", from.toString())
                .queryParam("to", to.toString())
                .get("/internal/v1/delivery-stats");
    }

    private static String endpoint(String partner, String env) throws SQLException {
        String id = "whk_" + UUID.randomUUID().toString().replace("-", "");
        sql(
                "INSERT INTO webhook_endpoints (id, partner_id, environment, url, secret_sealed, is_active, created_at,"
                        + " updated_at) VALUES (?, ?, ?, 'https://example.org/hook', 'sealed', false, now(), now())",
                id,
                partner,
                env);
        return id;
    }

    /** A delivery in {@code state}, delivered at {@code deliveredAt} (or never), last changed at {@code updatedAt}. */
    private static void delivery(
            String endpoint, String partner, String env, String state, Instant deliveredAt, Instant updatedAt)
            throws SQLException {
        boolean open = state.equals("PENDING") || state.equals("SENDING");
        sql(
                "INSERT INTO webhook_deliveries (id, endpoint_id, partner_id, environment, event_id, event_type, payload,"
                        + " state, next_attempt_at, delivered_at, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, 'action.completed', '{}', ?, ?, ?, ?, ?)",
                "dlv_" + UUID.randomUUID().toString().replace("-", ""),
                endpoint,
                partner,
                env,
                "evt_" + UUID.randomUUID().toString().replace("-", ""),
                state,
                open ? Timestamp.from(LATER) : null,
                deliveredAt == null ? null : Timestamp.from(deliveredAt),
                Timestamp.from(BEFORE.minusSeconds(86_400)),
                Timestamp.from(updatedAt));
    }

    private static void sql(String statement, Object... params) throws SQLException {
        var config = ConfigProvider.getConfig();
        try (Connection c = DriverManager.getConnection(
                        config.getValue("quarkus.datasource.jdbc.url", String.class),
                        config.getValue("quarkus.datasource.username", String.class),
                        config.getValue("quarkus.datasource.password", String.class));
                PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.executeUpdate();
        }
    }
}
