package org.sirgiving.donations;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sirgiving.donations.DonationApi.checkoutPath;
import static org.sirgiving.donations.DonationApi.press;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sirgiving.donations.service.DonationEvents;
import org.sirgiving.donations.support.ConfiguredProviders;
import org.sirgiving.donations.support.ProviderCalls;
import org.sirgiving.donations.support.StripeWebhooks;
import org.sirgiving.events.ActionType;
import org.sirgiving.events.Environment;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventTypes;
import org.sirgiving.events.Topics;
import org.sirgiving.events.payload.ActionOutcome;
import org.sirgiving.events.payload.OutcomeStatus;
import org.sirgiving.testinfra.ExposedMetrics;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.PostgresDatabaseResource;
import org.sirgiving.testinfra.TestPartners;
import org.sirgiving.testinfra.TopicWriter;

/**
 * The metrics operators' alerts and dashboard read for donations-service (its rows of deploy/metrics.tsv: requests,
 * dead letters, the outbox backlog, its consumers' lag and polls, its checkouts, provider notifications, charges and
 * rewards), as /q/metrics exposes them: the chart's alerts cover this service only if it exposes them under those
 * names, and only if they move when donations are made and confirmed. Providers are configured (Stripe's API a local
 * server) so that webhooks can be signed and verified as in production.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
@QuarkusTestResource(value = ConfiguredProviders.class, restrictToAnnotatedClass = true)
class OperatorMetricsTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String CHECKOUTS = "sir_donations_checkouts_total";
    private static final String NOTIFICATIONS = "sir_donations_notifications_total";
    private static final String CHARGES = "sir_donations_charges_total";
    private static final String REWARDS = "sir_donations_rewards_total";

    private static String scrape() {
        return RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static double value(String name, String... labels) {
        return ExposedMetrics.sample(scrape(), name, labels).orElse(0);
    }

    @Test
    void everyMetricTheDashboardAndAlertsReadForDonationsServiceIsExposed() {
        // One answered request (refused: no key), so the request counter has a series.
        RestAssured.get("/v1/partner/organizations").then().statusCode(401);
        await().atMost(WAIT).untilAsserted(() -> {
            String metrics = scrape();
            // For whoever edits deploy/metrics.tsv: what this service exposes, beside its surefire reports.
            Files.writeString(Path.of("target/metrics-exposition.txt"), metrics);
            List<String> missing = ExposedMetrics.missingFrom("donations-service", metrics);
            assertTrue(missing.isEmpty(), () -> "not exposed: " + missing);
        });
    }

    @Test
    void theRowsOfDeployMetricsTsvNameThisService() {
        // A service without rows would pass the test above while the alerts silently ignore it.
        List<String> rows = ExposedMetrics.of("donations-service");
        assertTrue(
                rows.containsAll(List.of(
                        "http_server_requests_seconds_count",
                        "sir_dlq_records_total",
                        "sir_outbox_oldest_unpublished_age_seconds",
                        "kafka_consumer_last_poll_seconds_ago",
                        CHECKOUTS,
                        NOTIFICATIONS,
                        CHARGES,
                        REWARDS)),
                rows::toString);
    }

    @Test
    void theSeriesTheAlertsReadExistBeforeTheirFirstCount() {
        // A rate over a series born with its first failure misses that failure, and a ratio needs its denominator:
        // every provider's series are registered at start. The sandbox's are never counted (no signature to fail,
        // no provider to be unavailable), so theirs show it.
        String metrics = scrape();
        for (String provider : List.of("stripe", "every.org")) {
            assertTrue(
                    ExposedMetrics.sample(metrics, NOTIFICATIONS, "provider", provider, "outcome", "rejected")
                            .isPresent(),
                    provider);
            assertTrue(
                    ExposedMetrics.sample(metrics, CHECKOUTS, "provider", provider, "result", "unavailable")
                            .isPresent(),
                    provider);
        }
        assertEquals(
                0.0,
                ExposedMetrics.sample(metrics, NOTIFICATIONS, "provider", "sandbox", "outcome", "rejected")
                        .orElseThrow());
        assertEquals(
                0.0,
                ExposedMetrics.sample(metrics, CHECKOUTS, "provider", "sandbox", "result", "unavailable")
                        .orElseThrow());
    }

    @Test
    void aSandboxLinkIsACreatedCheckoutItsCompletionAnAppliedChargeAndItsRewardIsCounted() {
        double created = value(CHECKOUTS, "provider", "sandbox", "result", "created");
        double applied = value(NOTIFICATIONS, "provider", "sandbox", "outcome", "applied");
        double completed = value(CHARGES, "provider", "sandbox", "status", "completed");
        double rewarded = value(REWARDS, "provider", "sandbox", "status", "completed");

        TestPartners.Partner partner = TestPartners.sandbox();
        JsonPath link = ProviderCalls.createLink(partner, "stripe", "once", 0)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        assertEquals(created + 1, value(CHECKOUTS, "provider", "sandbox", "result", "created"));

        String donation = link.getString("partnerDonationId");
        press(checkoutPath(link.getString("donationLink")), "complete").then().statusCode(303);
        assertEquals(applied + 1, value(NOTIFICATIONS, "provider", "sandbox", "outcome", "applied"));
        assertEquals(completed + 1, value(CHARGES, "provider", "sandbox", "status", "completed"));
        assertEquals(rewarded, value(REWARDS, "provider", "sandbox", "status", "completed"));

        String actionId = DonationEvents.actionId(donation, 1);
        ActionOutcome outcome = new ActionOutcome(
                actionId,
                "donation_" + donation + "_1",
                ActionType.DONATION,
                OutcomeStatus.COMPLETED,
                42,
                List.of("txn_a"),
                null,
                null,
                1,
                null);
        TopicWriter.send(
                Topics.REWARD_LIFECYCLE,
                partner.partnerId(),
                EventEnvelope.decided(
                        actionId + "|1",
                        EventTypes.ACTION_COMPLETED,
                        partner.partnerId(),
                        Environment.SANDBOX,
                        "test",
                        outcome));
        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertEquals(rewarded + 1, value(REWARDS, "provider", "sandbox", "status", "completed")));
    }

    @Test
    void aStripeWebhookFailingItsSignatureIsRejectedAndTheSignedOneAppliedThenIgnoredWhenRedelivered() {
        TestPartners.Partner partner = ProviderCalls.productionPartner();
        double created = value(CHECKOUTS, "provider", "stripe", "result", "created");
        String donation = ProviderCalls.createLink(partner, "stripe", "once", 0)
                .then()
                .statusCode(201)
                .extract()
                .path("partnerDonationId");
        assertEquals(created + 1, value(CHECKOUTS, "provider", "stripe", "result", "created"));

        double rejected = value(NOTIFICATIONS, "provider", "stripe", "outcome", "rejected");
        double applied = value(NOTIFICATIONS, "provider", "stripe", "outcome", "applied");
        double ignored = value(NOTIFICATIONS, "provider", "stripe", "outcome", "ignored");
        double completed = value(CHARGES, "provider", "stripe", "status", "completed");
        String event = StripeWebhooks.event(
                "evt_" + System.nanoTime(),
                "checkout.session.completed",
                Instant.now(),
                StripeWebhooks.paymentSession(donation, "paid", 2500));

        // Signed with a secret that is not the endpoint's: what every delivery looks like after a botched rotation.
        assertEquals(400, ProviderCalls.stripe(event, "whsec_rotated_elsewhere", Instant.now()));
        assertEquals(rejected + 1, value(NOTIFICATIONS, "provider", "stripe", "outcome", "rejected"));
        assertEquals(applied, value(NOTIFICATIONS, "provider", "stripe", "outcome", "applied"));

        assertEquals(200, ProviderCalls.stripe(event, ConfiguredProviders.STRIPE_WEBHOOK_SECRET, Instant.now()));
        assertEquals(applied + 1, value(NOTIFICATIONS, "provider", "stripe", "outcome", "applied"));
        assertEquals(completed + 1, value(CHARGES, "provider", "stripe", "status", "completed"));

        assertEquals(200, ProviderCalls.stripe(event, ConfiguredProviders.STRIPE_WEBHOOK_SECRET, Instant.now()));
        assertEquals(ignored + 1, value(NOTIFICATIONS, "provider", "stripe", "outcome", "ignored"));
        assertEquals(applied + 1, value(NOTIFICATIONS, "provider", "stripe", "outcome", "applied"));
        assertEquals(rejected + 1, value(NOTIFICATIONS, "provider", "stripe", "outcome", "rejected"));
        assertEquals(completed + 1, value(CHARGES, "provider", "stripe", "status", "completed"));
    }

    @Test
    void anEveryOrgWebhookWithoutOurSecretIsRejectedAndOneNamingNoDonationIgnored() {
        double rejected = value(NOTIFICATIONS, "provider", "every.org", "outcome", "rejected");
        double ignored = value(NOTIFICATIONS, "provider", "every.org", "outcome", "ignored");

        assertEquals(401, ProviderCalls.everyOrg("{}", "guess"));
        assertEquals(rejected + 1, value(NOTIFICATIONS, "provider", "every.org", "outcome", "rejected"));

        assertEquals(200, ProviderCalls.everyOrg("{}", ConfiguredProviders.EVERY_ORG_SECRET));
        assertEquals(ignored + 1, value(NOTIFICATIONS, "provider", "every.org", "outcome", "ignored"));
        assertEquals(rejected + 1, value(NOTIFICATIONS, "provider", "every.org", "outcome", "rejected"));
    }
}
