package org.sirgiving.donations;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sirgiving.donations.DonationApi.CREATE;
import static org.sirgiving.donations.DonationApi.body;
import static org.sirgiving.donations.DonationApi.checkoutPath;
import static org.sirgiving.donations.DonationApi.count;
import static org.sirgiving.donations.DonationApi.press;
import static org.sirgiving.donations.DonationApi.status;
import static org.sirgiving.donations.DonationApi.widgetPost;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.sirgiving.donations.service.DonationEvents;
import org.sirgiving.events.ActionType;
import org.sirgiving.events.Environment;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.Topics;
import org.sirgiving.events.payload.ActionOutcome;
import org.sirgiving.events.payload.ActionSubmitted;
import org.sirgiving.events.payload.DonationOutcome;
import org.sirgiving.events.payload.FailureCode;
import org.sirgiving.events.payload.OutcomeStatus;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.PostgresDatabaseResource;
import org.sirgiving.testinfra.TestPartners;
import org.sirgiving.testinfra.TopicReader;
import org.sirgiving.testinfra.TopicWriter;

/**
 * The hosted sandbox checkout and DonationService.apply, the one path of every confirmation: a completed charge
 * becomes one DONATION action on sir.actions.v1 and one donation.completed, however often it is confirmed, and its
 * reward comes back from sir.reward-lifecycle.v1 into the status.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
class ConfirmationTest {
    private static final Duration SOON = Duration.ofSeconds(20);

    private record Created(TestPartners.Partner partner, String id, String checkout) {}

    private static Created create(Object... overrides) {
        TestPartners.Partner p = DonationApi.tippingPartner();
        JsonPath link = widgetPost(p, CREATE, body(overrides), null)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        return new Created(p, link.getString("partnerDonationId"), checkoutPath(link.getString("donationLink")));
    }

    @Test
    void openingTheCheckoutShowsTheDonationAndMakesItPending() {
        Created d = create("tipAmount", 200);
        RestAssured.get(d.checkout())
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .header("Cache-Control", "no-store")
                .body(containsString("Donate to GiveDirectly"))
                .body(containsString("25.00 USD"))
                .body(containsString("27.00 USD"))
                .body(containsString("Ada Lovelace"))
                .body(containsString("id=\"complete\""));
        status(d.partner(), d.id()).then().body("status", is("PENDING"));
        RestAssured.get("/donate/checkout/" + "0".repeat(64)).then().statusCode(404);
    }

    @Test
    void completingTheCheckoutRewardsTheDonorOnceThroughTheActionsTopic() {
        Created d = create("partnerUserId", "user-42", "tipAmount", 200);
        RestAssured.get(d.checkout()).then().statusCode(200);
        press(d.checkout(), "complete").then().statusCode(303).header("Location", containsString(d.checkout()));

        String actionId = DonationEvents.actionId(d.id(), 1);
        JsonPath s = status(d.partner(), d.id())
                .then()
                .statusCode(200)
                .body("status", is("COMPLETED"))
                .body("charges.size()", is(1))
                .body("charges[0].chargeNumber", is(1))
                .body("charges[0].status", is("COMPLETED"))
                .body("charges[0].amount", is(2500))
                .body("charges[0].reward.actionId", is(actionId))
                .body("charges[0].reward.status", is("PENDING"))
                .body("reward.actionId", is(actionId))
                .extract()
                .jsonPath();
        assertEquals(actionId.length(), "act_".length() + 24);

        EventEnvelope submitted = TopicReader.awaitEvent(
                KafkaBrokerResource.bootstrapServers(),
                Topics.ACTIONS,
                e -> EventTypes.ACTION_SUBMITTED.equals(e.type())
                        && actionId.equals(e.dataAs(ActionSubmitted.class).actionId()),
                SOON);
        ActionSubmitted action = submitted.dataAs(ActionSubmitted.class);
        assertEquals(d.partner().partnerId(), submitted.partnerId());
        assertEquals(Environment.SANDBOX, submitted.environment());
        assertEquals(ActionType.DONATION, action.actionType());
        assertEquals("donation_" + d.id() + "_1", action.idempotencyKey());
        assertEquals(
                0, new BigDecimal("25.00").compareTo(action.amount()), "the tip is not rewarded: " + action.amount());
        assertEquals("USD", action.currency());
        assertEquals(1, action.attempt());
        assertEquals("DONOR", action.stakeholders().get(0).stakeholderTypeCode());
        assertEquals("user-42", action.stakeholders().get(0).partnerUserId());
        assertEquals("Ada@Example.com", action.stakeholders().get(0).userEmail());
        assertEquals(d.id(), action.metadata().path("partnerDonationId").asText());
        assertEquals(1, action.metadata().path("chargeNumber").asInt());

        EventEnvelope completed = TopicReader.awaitEvent(
                KafkaBrokerResource.bootstrapServers(),
                Topics.REWARD_LIFECYCLE,
                e -> EventTypes.DONATION_COMPLETED.equals(e.type())
                        && d.id().equals(e.dataAs(DonationOutcome.class).partnerDonationId()),
                SOON);
        DonationOutcome outcome = completed.dataAs(DonationOutcome.class);
        assertEquals("COMPLETED", outcome.status());
        assertEquals(2500, outcome.amount());
        assertEquals(200, outcome.tipAmount());
        assertEquals("sandbox", outcome.provider());
        assertEquals(actionId, outcome.actionId());
        assertEquals(null, outcome.failureReason());
        assertEquals(s.getString("charges[0].providerChargeId"), outcome.providerChargeId());
    }

    @Test
    void theSameChargeConfirmedManyTimesAtOnceIsOneChargeAndOneAction() throws Exception {
        Created d = create();
        RestAssured.get(d.checkout()).then().statusCode(200);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> presses = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                presses.add(() -> press(d.checkout(), "complete").statusCode());
            }
            for (Future<Integer> f : pool.invokeAll(presses)) {
                assertEquals(303, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        status(d.partner(), d.id()).then().body("status", is("COMPLETED")).body("charges.size()", is(1));
        String actions = "SELECT count(*) FROM outbox WHERE topic = '" + Topics.ACTIONS + "' AND payload LIKE '%"
                + d.id() + "%'";
        String completions = "SELECT count(*) FROM outbox WHERE topic = '" + Topics.REWARD_LIFECYCLE
                + "' AND payload LIKE '%" + EventTypes.DONATION_COMPLETED + "%' AND payload LIKE '%" + d.id() + "%'";
        assertEquals(1, count(actions));
        assertEquals(1, count(completions));
        // Presses that saw the donation still open reached apply together; all but one found the charge recorded.
        String charges = "SELECT count(*) FROM provider_notifications WHERE donation_id = '" + d.id()
                + "' AND kind = 'CHARGE_SUCCEEDED'";
        assertEquals(1, count(charges + " AND effect = 'APPLIED'"));
        assertTrue(count(charges) >= 2, "the presses did not overlap: " + count(charges));
    }

    @Test
    void theRewardAnnouncedOnTheLifecycleTopicShowsInTheStatus() {
        Created d = create();
        press(d.checkout(), "complete").then().statusCode(303);
        String actionId = DonationEvents.actionId(d.id(), 1);
        ActionOutcome rewarded = new ActionOutcome(
                actionId,
                "donation_" + d.id() + "_1",
                ActionType.DONATION,
                OutcomeStatus.COMPLETED,
                42,
                List.of("txn_a", "txn_b"),
                null,
                null,
                1,
                null);
        TopicWriter.send(
                Topics.REWARD_LIFECYCLE,
                d.partner().partnerId(),
                EventEnvelope.decided(
                        actionId + "|1",
                        EventTypes.ACTION_COMPLETED,
                        d.partner().partnerId(),
                        Environment.SANDBOX,
                        "test",
                        rewarded));
        await().atMost(SOON)
                .untilAsserted(() -> status(d.partner(), d.id())
                        .then()
                        .body("reward.status", is("COMPLETED"))
                        .body("reward.tokensDistributed", is(42))
                        .body("reward.transactionIds", is(List.of("txn_a", "txn_b")))
                        .body("charges[0].reward.status", is("COMPLETED"))
                        .body("reward", not(nullValue())));
    }

    @Test
    void aRefusedRewardShowsAsFailedWithItsCode() {
        Created d = create();
        press(d.checkout(), "complete").then().statusCode(303);
        String actionId = DonationEvents.actionId(d.id(), 1);
        ActionOutcome refused = new ActionOutcome(
                actionId,
                "donation_" + d.id() + "_1",
                ActionType.DONATION,
                OutcomeStatus.FAILED,
                0,
                List.of(),
                FailureCode.INSUFFICIENT_POOL,
                "The pool cannot pay",
                1,
                null);
        TopicWriter.send(
                Topics.REWARD_LIFECYCLE,
                d.partner().partnerId(),
                EventEnvelope.decided(
                        actionId + "|1",
                        EventTypes.ACTION_FAILED,
                        d.partner().partnerId(),
                        Environment.SANDBOX,
                        "test",
                        refused));
        await().atMost(SOON)
                .untilAsserted(() -> status(d.partner(), d.id())
                        .then()
                        .body("status", is("COMPLETED"))
                        .body("reward.status", is("FAILED"))
                        .body("reward.failureCode", is("INSUFFICIENT_POOL"))
                        .body("reward.tokensDistributed", is(0)));
    }

    @Test
    void aFailedPaymentFailsTheDonationAndAnnouncesItWithoutAnAction() throws Exception {
        Created d = create();
        press(d.checkout(), "fail").then().statusCode(303);
        status(d.partner(), d.id())
                .then()
                .body("status", is("FAILED"))
                .body("charges[0].status", is("FAILED"))
                .body("charges[0]", not(org.hamcrest.Matchers.hasKey("reward")))
                .body("reward", nullValue());
        TopicReader.awaitEvent(
                KafkaBrokerResource.bootstrapServers(),
                Topics.REWARD_LIFECYCLE,
                e -> EventTypes.DONATION_FAILED.equals(e.type())
                        && d.id().equals(e.dataAs(DonationOutcome.class).partnerDonationId()),
                SOON);
        assertEquals(
                0,
                count("SELECT count(*) FROM outbox WHERE topic = '" + Topics.ACTIONS + "' AND payload LIKE '%" + d.id()
                        + "%'"));
        // Completed after failing: the sandbox takes one outcome per checkout.
        press(d.checkout(), "complete").then().statusCode(303);
        status(d.partner(), d.id()).then().body("status", is("FAILED"));
    }

    @Test
    void aCancelledCheckoutIsCancelledAndCannotBeCompletedAfterwards() {
        Created d = create();
        press(d.checkout(), "cancel").then().statusCode(303);
        press(d.checkout(), "complete").then().statusCode(303);
        status(d.partner(), d.id()).then().body("status", is("CANCELLED")).body("charges.size()", is(0));
    }

    @Test
    void aMonthlyDonationChargesAgainAsItsOwnRewardedAction() {
        Created d = create("frequency", "monthly");
        press(d.checkout(), "complete").then().statusCode(303);
        RestAssured.get(d.checkout()).then().statusCode(200).body(containsString("id=\"next-charge\""));
        press(d.checkout(), "next-charge").then().statusCode(303);
        JsonPath s = status(d.partner(), d.id())
                .then()
                .body("status", is("COMPLETED"))
                .body("frequency", is("monthly"))
                .body("charges.size()", is(2))
                .body("charges[1].chargeNumber", is(2))
                .body("charges[1].reward.actionId", is(DonationEvents.actionId(d.id(), 2)))
                .body("reward.actionId", is(DonationEvents.actionId(d.id(), 1)))
                .extract()
                .jsonPath();
        assertNotEquals(s.getString("charges[0].providerChargeId"), s.getString("charges[1].providerChargeId"));
    }

    @Test
    void aOneTimeDonationHasNoNextCharge() {
        Created d = create();
        press(d.checkout(), "complete").then().statusCode(303);
        RestAssured.get(d.checkout()).then().statusCode(200).body(not(containsString("id=\"next-charge\"")));
        press(d.checkout(), "next-charge").then().statusCode(303);
        status(d.partner(), d.id()).then().body("charges.size()", is(1));
    }
}
