package org.sirgiving.rewards;

import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sirgiving.rewards.support.Fixtures.WAIT;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sirgiving.events.Environment;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.payload.ActionOutcome;
import org.sirgiving.rewards.service.BalanceMaintenance;
import org.sirgiving.rewards.support.Fixtures;
import org.sirgiving.rewards.support.LedgerCheck;
import org.sirgiving.rewards.support.LifecycleEvents;
import org.sirgiving.rewards.support.TestClock;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.PostgresDatabaseResource;

@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
class UsersTest {
    @Inject
    BalanceMaintenance maintenance;

    @Inject
    Vertx vertx;

    @AfterEach
    void ledgerHolds() {
        TestClock.reset();
        LedgerCheck.assertAllLedgersConsistent();
    }

    @Test
    void usersAreCreatedListedReadAndUpdated() {
        Fixtures.Tenant t = Fixtures.sandboxTenant();
        Fixtures.signed(
                        t,
                        true,
                        "POST",
                        "/v1/partner/users",
                        "{\"externalId\":\"u-1\",\"email\":\"u1@example.org\","
                                + "\"firstName\":\"Ada\",\"metadata\":{\"tier\":\"gold\"}}")
                .then()
                .statusCode(201)
                .body("id", startsWith("usr_"))
                .body("externalId", is("u-1"))
                .body("metadata.tier", is("gold"));
        Fixtures.signed(t, true, "POST", "/v1/partner/users", "{\"externalId\":\"u-1\"}")
                .then()
                .statusCode(409)
                .body("code", is("CONFLICT"));
        Fixtures.signed(t, true, "POST", "/v1/partner/users", "{\"partnerUserId\":\"u-2\"}")
                .then()
                .statusCode(201);
        Fixtures.signed(t, true, "POST", "/v1/partner/users", "{\"externalId\":\"u-3\"}")
                .then()
                .statusCode(201);
        Fixtures.signed(t, true, "POST", "/v1/partner/users", "{\"externalId\":\"\",\"email\":\"not-an-email\"}")
                .then()
                .statusCode(400)
                .body("details.field", hasItems("externalId", "email"));
        Fixtures.signed(
                        t,
                        true,
                        "POST",
                        "/v1/partner/users",
                        "{\"externalId\":\"big\",\"metadata\":{\"x\":\"" + "a".repeat(9000) + "\"}}")
                .then()
                .statusCode(400)
                .body("details[0].field", is("metadata"));
        Fixtures.signed(t, false, "POST", "/v1/partner/users", "{\"externalId\":\"u-9\"}")
                .then()
                .statusCode(403);

        Fixtures.signed(t, false, "GET", "/v1/partner/users?page=1&limit=2", null)
                .then()
                .statusCode(200)
                .body("total", is(3))
                .body("data.size()", is(2))
                .body("page", is(1))
                .body("limit", is(2));
        Fixtures.signed(t, false, "GET", "/v1/partner/users?page=2&limit=2", null)
                .then()
                .body("data.size()", is(1));
        Fixtures.signed(t, false, "GET", "/v1/partner/users?limit=101", null)
                .then()
                .statusCode(400)
                .body("code", is("VALIDATION_FAILED"));

        Fixtures.signed(
                        t,
                        true,
                        "PATCH",
                        "/v1/partner/users/u-1",
                        "{\"email\":\"ada@example.org\",\"metadata\":{\"tier\":\"platinum\"}}")
                .then()
                .statusCode(200)
                .body("email", is("ada@example.org"))
                .body("firstName", is("Ada"))
                .body("metadata.tier", is("platinum"));
        Fixtures.signed(t, false, "GET", "/v1/partner/users/u-1", null)
                .then()
                .statusCode(200)
                .body("email", is("ada@example.org"));
        Fixtures.signed(t, false, "GET", "/v1/partner/users/nobody", null)
                .then()
                .statusCode(404)
                .body("code", is("NOT_FOUND"));
        Fixtures.signed(Fixtures.sandboxTenant(), false, "GET", "/v1/partner/users/u-1", null)
                .then()
                .statusCode(404);
        Fixtures.signed(t, false, "GET", "/v1/partner/users/u-2/balance", null)
                .then()
                .statusCode(200)
                .body("available", is(0))
                .body("pending", is(0))
                .body("lifetimeEarned", is(0))
                .body("expired", is(0));
    }

    @Test
    void tokensVestThenExpireOnTheClockThroughTheirTransactions() {
        Fixtures.Tenant t = Fixtures.sandboxTenant();
        Fixtures.asOperator()
                .body("{\"vestingDays\":7,\"tokenExpiryDays\":30}")
                .patch("/v1/admin/token-pools/" + t.poolId())
                .then()
                .statusCode(200);
        EventEnvelope a = Fixtures.action(t.partner(), "100", "vest-1");
        Fixtures.publish(a);
        ActionOutcome rewarded = Fixtures.outcome(a).dataAs(ActionOutcome.class);
        EventEnvelope b = Fixtures.action(t.partner(), "40", "vest-1");
        Fixtures.publish(b);
        ActionOutcome pendingOne = Fixtures.outcome(b).dataAs(ActionOutcome.class);
        String balance = "/v1/partner/users/vest-1/balance";
        Fixtures.signed(t, false, "GET", balance, null)
                .then()
                .body("available", is(0))
                .body("pending", is(140))
                .body("lifetimeEarned", is(140))
                .body("expired", is(0));

        // A pending reward can be reversed: it never becomes available.
        Fixtures.publish(Fixtures.reversal(t.partner(), Environment.SANDBOX, pendingOne.actionId(), "refund"));
        LifecycleEvents.await(LifecycleEvents.of(EventTypes.ACTION_REVERSED, "actionId", pendingOne.actionId()), WAIT);
        Fixtures.signed(t, false, "GET", balance, null)
                .then()
                .body("pending", is(100))
                .body("lifetimeEarned", is(100));

        TestClock.advance(Duration.ofDays(6));
        assertEquals(
                0, Fixtures.join(Fixtures.onVertx(vertx, maintenance::runOnce)).vested());
        TestClock.advance(Duration.ofDays(2));
        Fixtures.join(Fixtures.onVertx(vertx, maintenance::runOnce));
        Fixtures.signed(t, false, "GET", balance, null)
                .then()
                .body("available", is(100))
                .body("pending", is(0))
                .body("lifetimeEarned", is(100))
                .body("expired", is(0));

        TestClock.advance(Duration.ofDays(23));
        Fixtures.join(Fixtures.onVertx(vertx, maintenance::runOnce));
        Fixtures.signed(t, false, "GET", balance, null)
                .then()
                .body("available", is(0))
                .body("pending", is(0))
                .body("lifetimeEarned", is(100))
                .body("expired", is(100));
        Fixtures.signed(t, false, "GET", "/v1/partner/users/vest-1/transactions?limit=1", null)
                .then()
                .body("total", is(4))
                .body("data[0].type", is("EXPIRY"))
                .body("data[0].tokens", is(-100))
                .body("data[0].expiresAt", nullValue());
        // Expired tokens do not return to the pool.
        assertEquals(100_000 - 100, Fixtures.balance(t));
        // Running again expires nothing twice.
        assertEquals(
                0, Fixtures.join(Fixtures.onVertx(vertx, maintenance::runOnce)).expired());

        // Reversing an action whose tokens expired takes nothing back: they are already gone.
        Fixtures.publish(Fixtures.reversal(t.partner(), Environment.SANDBOX, rewarded.actionId(), "late refund"));
        EventEnvelope late = LifecycleEvents.await(
                LifecycleEvents.of(EventTypes.ACTION_REVERSED, "actionId", rewarded.actionId()), WAIT);
        assertEquals(List.of(), late.dataAs(ActionOutcome.class).transactionIds());
        assertEquals(100_000 - 100, Fixtures.balance(t));
        Fixtures.signed(t, false, "GET", balance, null)
                .then()
                .body("available", is(0))
                .body("expired", is(100));
    }
}
