package org.sirgiving.rewards;

import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sirgiving.rewards.support.Fixtures.WAIT;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sirgiving.events.ActionType;
import org.sirgiving.events.Environment;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventTypes;
import org.sirgiving.rewards.support.Fixtures;
import org.sirgiving.rewards.support.LedgerCheck;
import org.sirgiving.rewards.support.LifecycleEvents;
import org.sirgiving.rewards.support.WebhookDispatcherStub;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.PostgresDatabaseResource;

@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
@QuarkusTestResource(WebhookDispatcherStub.class)
class DashboardTest {

    @AfterEach
    void ledgerHolds() {
        LedgerCheck.assertAllLedgersConsistent();
    }

    @Test
    void theDashboardCountsWhatThisServiceDecided() {
        Fixtures.Tenant t = Fixtures.sandboxTenant();
        EventEnvelope a = Fixtures.action(t.partner(), "10", "d-1", "d-2");
        EventEnvelope b = Fixtures.action(t.partner(), "30", "d-1");
        EventEnvelope refused = Fixtures.action(
                t.partner(), Environment.SANDBOX, ActionType.PURCHASE, "5", false, Fixtures.customers("d-none"));
        for (EventEnvelope e : new EventEnvelope[] {a, b, refused}) {
            Fixtures.publish(e);
            Fixtures.outcome(e);
        }
        Fixtures.publish(Fixtures.reversal(t.partner(), Environment.SANDBOX, Fixtures.actionId(b), "refund"));
        LifecycleEvents.await(LifecycleEvents.of(EventTypes.ACTION_REVERSED, "actionId", Fixtures.actionId(b)), WAIT);

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        Fixtures.signed(t, false, "GET", "/v1/partner/dashboard?from=" + today + "&to=" + today, null)
                .then()
                .statusCode(200)
                .body("actions.completed", is(1))
                .body("actions.reversed", is(1))
                .body("actions.failed", is(1))
                .body("tokensDistributed", is(10))
                .body("activeUsers", is(2))
                .body("poolBalance", is(100_000 - 10))
                .body("webhookDeliverySuccessRate", nullValue())
                .body("environment", is("sandbox"));
        Fixtures.signed(t, false, "GET", "/v1/partner/dashboard", null)
                .then()
                .statusCode(200)
                .body("actions.completed", is(1));
        String past = "/v1/partner/dashboard?from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z";
        Fixtures.signed(t, false, "GET", past, null)
                .then()
                .statusCode(200)
                .body("actions.completed", is(0))
                .body("tokensDistributed", is(0))
                .body("poolBalance", is(100_000 - 10));
        Fixtures.signed(t, false, "GET", "/v1/partner/dashboard?from=yesterday", null)
                .then()
                .statusCode(400)
                .body("code", is("VALIDATION_FAILED"))
                .body("details[0].field", is("from"));
        Fixtures.signed(t, false, "GET", "/v1/partner/dashboard?from=" + Instant.now() + "&to=2020-01-01", null)
                .then()
                .statusCode(400);
    }

    @Test
    void theWebhookDeliverySuccessRateAndPendingCountAreWebhookDispatchersFiguresForTheWindow() {
        Fixtures.Tenant t = Fixtures.sandboxTenant();
        WebhookDispatcherStub.answer(t.partnerId(), 3, 1, 2);
        String window = "/v1/partner/dashboard?from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z";
        Fixtures.signed(t, false, "GET", window, null)
                .then()
                .statusCode(200)
                .body("webhookDeliverySuccessRate", is(0.75f))
                .body("webhookDeliveriesPending", is(2));
        WebhookDispatcherStub.Asked asked = WebhookDispatcherStub.ASKED.stream()
                .filter(a -> t.partnerId().equals(a.query().get("partnerId")))
                .reduce((first, second) -> second)
                .orElseThrow();
        assertEquals("sandbox", asked.query().get("environment"));
        assertEquals("2026-03-01T00:00:00Z", asked.query().get("from"));
        assertEquals("2026-04-01T00:00:00Z", asked.query().get("to"));
        assertEquals("dev-internal-token", asked.token());

        // Rounded to 4 decimals; nothing decided in the window: no rate, but the open deliveries still count.
        WebhookDispatcherStub.answer(t.partnerId(), 2, 1, 0);
        Fixtures.signed(t, false, "GET", window, null).then().body("webhookDeliverySuccessRate", is(0.6667f));
        WebhookDispatcherStub.answer(t.partnerId(), 0, 0, 5);
        Fixtures.signed(t, false, "GET", window, null)
                .then()
                .body("webhookDeliverySuccessRate", nullValue())
                .body("webhookDeliveriesPending", is(5));
    }

    @Test
    void withoutAnAnswerFromWebhookDispatcherTheDashboardStillAnswersPromptlyWithTheFiguresNull() {
        Fixtures.Tenant t = Fixtures.sandboxTenant();
        WebhookDispatcherStub.answer(
                t.partnerId(), new WebhookDispatcherStub.Answer(200, "{\"delivered\":1}", Duration.ofSeconds(10)));
        long started = System.nanoTime();
        Fixtures.signed(t, false, "GET", "/v1/partner/dashboard", null)
                .then()
                .statusCode(200)
                .body("actions.completed", is(0))
                .body("webhookDeliverySuccessRate", nullValue())
                .body("webhookDeliveriesPending", nullValue());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(3)) < 0);

        WebhookDispatcherStub.answer(
                t.partnerId(),
                new WebhookDispatcherStub.Answer(
                        503, "{\"statusCode\":503,\"code\":\"SERVICE_UNAVAILABLE\"}", Duration.ZERO));
        Fixtures.signed(t, false, "GET", "/v1/partner/dashboard", null)
                .then()
                .statusCode(200)
                .body("webhookDeliverySuccessRate", nullValue())
                .body("webhookDeliveriesPending", nullValue());
    }
}
