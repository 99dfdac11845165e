package org.sirgiving.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.sirgiving.sdk.model.IssuedWebhookEndpoint;
import org.sirgiving.sdk.model.Stakeholder;
import org.sirgiving.sdk.model.SubmitActionRequest;
import org.sirgiving.sdk.model.TokenPool;
import org.sirgiving.sdk.model.WebhookEndpointRequest;
import org.sirgiving.sdk.webhooks.WebhookEvent;
import org.sirgiving.sdk.webhooks.WebhookVerifier;

/**
 * The thin path through the Java SDK (sdk/java) against the local run, as a partner's server uses it: an action
 * submitted idempotently (and again: the original comes back), read back, a typed error, and the real webhook delivery
 * verified by {@link WebhookVerifier} on both of its signature headers.
 */
@ExtendWith(LocalRunExtension.class)
class JavaSdkThinPathTest {
    private static LocalRun run;

    @BeforeAll
    static void start(LocalRun localRun) {
        run = localRun;
    }

    @Test
    void anActionSubmittedThroughTheSdkIsReadBackAndItsWebhookVerifies() throws Exception {
        // The key comes from the JWT surface, which the SDK (a server's client) does not cover.
        PartnerClient.Reply issued = PartnerClient.withJwt(
                run.gateway(),
                "POST",
                "/v1/partner/keys",
                run.token("sdk-java-" + UUID.randomUUID(), false),
                "{\"name\":\"java sdk\",\"environment\":\"sandbox\",\"keyType\":\"standard\"}");
        assertEquals(201, issued.status(), issued.raw().body());
        SirPartnerClient sir = SirPartnerClient.builder()
                .baseUrl(run.gateway())
                .partnerKey(issued.body().path("secretKey").asText())
                .hmacSecret(issued.body().path("hmacSecret").asText())
                .build();

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
}
