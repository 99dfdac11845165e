package org.sirgiving.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sirgiving.sdk.ApiResponse;
import org.sirgiving.sdk.ErrorCode;
import org.sirgiving.sdk.SirApiException;
import org.sirgiving.sdk.SirPartnerClient;
import org.sirgiving.sdk.model.Action;
import org.sirgiving.sdk.model.ActionStatus;
import org.sirgiving.sdk.model.ActionType;
import org.sirgiving.sdk.model.CreateDonationLinkRequest;
import org.sirgiving.sdk.model.Donation;
import org.sirgiving.sdk.model.DonationFrequency;
import org.sirgiving.sdk.model.DonationLink;
import org.sirgiving.sdk.model.DonationProvider;
import org.sirgiving.sdk.model.DonationStatus;
import org.sirgiving.sdk.model.Feature;
import org.sirgiving.sdk.model.IssuedWebhookEndpoint;
import org.sirgiving.sdk.model.Organization;
import org.sirgiving.sdk.model.OrganizationStatus;
import org.sirgiving.sdk.model.PartnerConfig;
import org.sirgiving.sdk.model.RewardStatus;
import org.sirgiving.sdk.model.Stakeholder;
import org.sirgiving.sdk.model.SubmitActionRequest;
import org.sirgiving.sdk.model.TokenPool;
import org.sirgiving.sdk.model.UpdatePartnerConfigRequest;
import org.sirgiving.sdk.model.WebhookEndpointRequest;
import org.sirgiving.sdk.webhooks.WebhookEvent;
import org.sirgiving.sdk.webhooks.WebhookVerifier;

/**
 * The thin path through the Java SDK (sdk/java) against the local run, as a partner's server uses it: an action
 * submitted idempotently (and again: the original comes back), read back, a typed error, and the real webhook delivery
 * verified by {@link WebhookVerifier} on both of its signature headers; and a donation made through the SDK: a seeded
 * nonprofit looked up, a sandbox donation link created (and again: the original link), its status read, the sandbox
 * checkout completed and the reward read back through the status.
 */
@ExtendWith(LocalRunExtension.class)
class JavaSdkThinPathTest {
    private static LocalRun run;

    @BeforeAll
    static void start(LocalRun localRun) {
        run = localRun;
    }

    /** A new partner's sandbox secret key, in the SDK. */
    private static SirPartnerClient newSandboxPartner() throws Exception {
        // The key comes from the JWT surface, which the SDK (a server's client) does not cover.
        PartnerClient.Reply issued = PartnerClient.withJwt(
                run.gateway(),
                "POST",
                "/v1/partner/keys",
                run.token("sdk-java-" + UUID.randomUUID(), false),
                "{\"name\":\"java sdk\",\"environment\":\"sandbox\",\"keyType\":\"standard\"}");
        assertEquals(201, issued.status(), issued.raw().body());
        return SirPartnerClient.builder()
                .baseUrl(run.gateway())
                .partnerKey(issued.body().path("secretKey").asText())
                .hmacSecret(issued.body().path("hmacSecret").asText())
                .build();
    }

    @Test
    void anActionSubmittedThroughTheSdkIsReadBackAndItsWebhookVerifies() throws Exception {
        SirPartnerClient sir = newSandboxPartner();

        TokenPool pool = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> {
                            List<TokenPool> pools = sir.listTokenPools(1, 20).data();
                            return pools.size() == 1 ? pools.get(0) : null;
                        },
                        p -> p != null);

        try (WebhookReceiver receiver = new WebhookReceiver()) {
            IssuedWebhookEndpoint hook = sir.createWebhookEndpoint(
                    WebhookEndpointRequest.of(receiver.url(), List.of(WebhookEvent.ACTION_COMPLETED)),
                    "hook-" + UUID.randomUUID());
            assertTrue(hook.secret().startsWith("whsec_"));

            SubmitActionRequest purchase = SubmitActionRequest.builder()
                    .idempotencyKey("purchase_" + UUID.randomUUID())
                    .actionType(ActionType.PURCHASE)
                    .amount("49.99")
                    .currency("USD")
                    .stakeholder(new Stakeholder("CUSTOMER", "user-42", "u42@example.org", null, null))
                    .autoCreateUsers(true)
                    .build();
            ApiResponse<Action> first = sir.submitActionWithResponse(purchase);
            assertTrue(first.statusCode() == 200 || first.statusCode() == 202, "status " + first.statusCode());
            assertNotNull(first.requestId());
            String actionId = first.data().actionId();

            // The same request again: 409 IDEMPOTENT from the server, the original action from the SDK.
            ApiResponse<Action> again = sir.submitActionWithResponse(purchase);
            assertTrue(again.replayed());
            assertEquals(actionId, again.data().actionId());

            Action action = await().atMost(Duration.ofSeconds(30))
                    .until(() -> sir.getAction(actionId), a -> a.status() == ActionStatus.COMPLETED);
            assertEquals(50, action.tokensDistributed());
            assertEquals(1, action.transactionIds().size());
            assertEquals(100_000 - 50, sir.getTokenPool(pool.id()).balance());

            SirApiException missing =
                    assertThrows(SirApiException.class, () -> sir.getAction("act_" + UUID.randomUUID()));
            assertEquals(404, missing.statusCode());
            assertEquals(ErrorCode.NOT_FOUND, missing.code());
            assertNotNull(missing.requestId());

            WebhookReceiver.Received delivery = await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> receiver.received.stream()
                                    .filter(r -> new String(r.body(), StandardCharsets.UTF_8).contains(actionId))
                                    .findFirst()
                                    .orElse(null),
                            r -> r != null);
            WebhookVerifier verifier = new WebhookVerifier(hook.secret());
            WebhookEvent event = verifier.verify(delivery.headers(), delivery.body());
            assertEquals(WebhookEvent.ACTION_COMPLETED, event.type());
            assertEquals(actionId, event.dataAs(Action.class).actionId());
            assertEquals(50, event.data().path("tokensDistributed").asLong());
            // the Standard Webhooks headers of the same delivery verify too
            verifier.verifyStandardWebhook(
                    delivery.header(WebhookVerifier.WEBHOOK_ID),
                    delivery.header(WebhookVerifier.WEBHOOK_TIMESTAMP),
                    delivery.header(WebhookVerifier.WEBHOOK_SIGNATURE),
                    delivery.body());
        }
    }

    @Test
    void aSandboxDonationMadeThroughTheSdkIsCompletedAndItsRewardReadBack() throws Exception {
        SirPartnerClient sir = newSandboxPartner();

        PartnerConfig config = sir.getPartnerConfig();
        assertTrue(config.enabledFeatures().contains(Feature.DONATIONS), config.toString());
        PartnerConfig changed =
                sir.updatePartnerConfig(UpdatePartnerConfigRequest.allowedOrigins(List.of("http://localhost:3000")));
        assertEquals(List.of("http://localhost:3000"), changed.allowedOrigins());

        // A new key reaches donations-service through the credential stream: until then it is unknown there (401).
        Organization org = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> {
                            try {
                                return sir.getOrganization("givedirectly");
                            } catch (SirApiException e) {
                                if (e.statusCode() == 401) {
                                    return null;
                                }
                                throw e;
                            }
                        },
                        o -> o != null);
        assertEquals(OrganizationStatus.ACTIVE, org.status());
        assertTrue(org.currencies().contains("USD"), org.toString());
        assertTrue(
                sir.searchOrganizations("givedir", 1, 5).data().stream()
                        .anyMatch(o -> o.slug().equals("givedirectly")),
                "search by part of the slug");

        CreateDonationLinkRequest request = CreateDonationLinkRequest.builder()
                .nonprofitSlug(org.slug())
                .amount(2500)
                .currency("USD")
                .frequency(DonationFrequency.ONCE)
                .provider(DonationProvider.STRIPE)
                .donor("ada@example.org", "Ada", "Lovelace")
                .partnerUserId("donor-" + UUID.randomUUID())
                .build();
        String checkoutId = "checkout-" + UUID.randomUUID();
        ApiResponse<DonationLink> created = sir.createDonationLinkWithResponse(request, checkoutId);
        assertEquals(201, created.statusCode());
        DonationLink link = created.data();
        assertTrue(link.partnerDonationId().startsWith("don_"), link.toString());
        // every sandbox link opens the hosted sandbox checkout behind the gateway, whatever the provider
        assertTrue(link.donationLink().startsWith(run.gateway() + "/donate/checkout/"), link.donationLink());

        // The same checkout again: the original link, no second donation.
        ApiResponse<DonationLink> again = sir.createDonationLinkWithResponse(request, checkoutId);
        assertTrue(again.replayed());
        assertEquals(link.partnerDonationId(), again.data().partnerDonationId());

        Donation fresh = sir.getDonationStatus(link.partnerDonationId());
        assertEquals(DonationStatus.CREATED, fresh.status());
        assertEquals(2500, fresh.amount());
        assertEquals("sandbox", fresh.environment());
        assertTrue(fresh.charges().isEmpty());
        assertNull(fresh.reward());

        // The donor presses "Complete donation" on the hosted checkout: a form POST answered 303 back to the page.
        HttpResponse<String> pressed = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(link.donationLink() + "/complete"))
                                .timeout(Duration.ofSeconds(30))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(303, pressed.statusCode(), pressed.body());

        Donation rewarded = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> sir.getDonationStatus(link.partnerDonationId()),
                        d -> d.reward() != null && d.reward().status() != RewardStatus.PENDING);
        assertEquals(DonationStatus.COMPLETED, rewarded.status());
        assertEquals(RewardStatus.COMPLETED, rewarded.reward().status(), rewarded.toString());
        assertTrue(rewarded.reward().tokensDistributed() > 0, rewarded.toString());
        assertEquals(1, rewarded.charges().size());
        assertEquals(
                rewarded.reward().actionId(), rewarded.charges().get(0).reward().actionId());
    }
}
