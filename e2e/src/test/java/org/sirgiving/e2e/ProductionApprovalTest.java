package org.sirgiving.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A production approval sets up what docs/partner-api.md section 2 promises, through the gateway: the operator's one
 * call with the pool's size, then a live action is rewarded (not 402), the production endpoint exists at the requested
 * URL with its secret revealed once, and the partner sees its request APPROVED.
 */
@ExtendWith(LocalRunExtension.class)
class ProductionApprovalTest {
    private static LocalRun run;

    @BeforeAll
    static void start(LocalRun localRun) {
        run = localRun;
    }

    /** A list answer's items, whichever shape the list has (a bare array or a {data} page). */
    private static JsonNode items(JsonNode list) {
        return list.isArray() ? list : list.path("data");
    }

    @Test
    void anApprovalWithAPoolSizeLetsLiveActionsBeRewardedAndSetsUpTheProductionEndpoint() throws Exception {
        String gateway = run.gateway();
        String user = run.token("e2e-live-" + UUID.randomUUID(), false);
        String operator = run.token("ops-e2e", true);
        String webhookUrl = "https://127.0.0.1:9/live-hooks";

        PartnerClient.Reply sandbox = PartnerClient.withJwt(
                gateway,
                "POST",
                "/v1/partner/keys",
                user,
                "{\"name\":\"sandbox\",\"environment\":\"sandbox\",\"keyType\":\"standard\"}");
        assertEquals(201, sandbox.status(), sandbox.raw().body());
        PartnerClient.Reply filed = PartnerClient.withJwt(
                gateway,
                "POST",
                "/v1/partner/keys/production-request",
                user,
                "{\"legalEntityName\":\"Live Shop Ltd\",\"contactEmail\":\"legal@live.example\",\"useCase\":\"Rewards\","
                        + "\"expectedMonthlyVolume\":1000,\"actionTypes\":[\"PURCHASE\"],\"stakeholderModel\":\"buyer\","
                        + "\"webhookUrl\":\"" + webhookUrl + "\"}");
        assertEquals(201, filed.status(), filed.raw().body());
        String requestId = filed.body().path("id").asText();

        PartnerClient.Reply approved = PartnerClient.withJwt(
                gateway,
                "POST",
                "/v1/admin/partners/production-requests/" + requestId + "/approve",
                operator,
                "{\"tier\":\"STANDARD\",\"productionPoolAllocation\":5000,\"note\":\"e2e\"}");
        assertEquals(200, approved.status(), approved.raw().body());
        assertEquals(5000, approved.body().path("productionPoolAllocation").asLong());

        PartnerClient.Reply info = PartnerClient.withJwt(gateway, "GET", "/v1/partner/keys/partner-info", user, null);
        assertEquals("ACTIVE", info.body().path("status").asText());
        assertEquals(
                "APPROVED", info.body().path("productionRequest").path("status").asText());
        assertEquals(
                5000,
                info.body()
                        .path("productionRequest")
                        .path("productionPoolAllocation")
                        .asLong());

        PartnerClient.Reply live = PartnerClient.withJwt(
                gateway,
                "POST",
                "/v1/partner/keys",
                user,
                "{\"name\":\"live\",\"environment\":\"production\",\"keyType\":\"standard\"}");
        assertEquals(201, live.status(), live.raw().body());
        PartnerClient partner = new PartnerClient(gateway, live.body());

        // A live action: rewarded from the approval's pool once the pool and the key have propagated.
        String body = "{\"idempotencyKey\":\"live_" + UUID.randomUUID() + "\",\"actionType\":\"PURCHASE\","
                + "\"amount\":40,\"currency\":\"USD\",\"stakeholders\":[{\"stakeholderTypeCode\":\"CUSTOMER\","
                + "\"partnerUserId\":\"live-user-1\"}],\"autoCreateUsers\":true}";
        JsonNode pool = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> {
                            PartnerClient.Reply r = partner.send("GET", "/v1/partner/token-pools", null, false);
                            return r.status() == 200 && items(r.body()).size() == 1
                                    ? items(r.body()).get(0)
                                    : null;
                        },
                        p -> p != null);
        assertEquals(5000, pool.path("balance").asLong());
        PartnerClient.Reply submitted = partner.send("POST", "/v1/partner/actions/submit", body, true);
        // 200 when the reward is decided within the submit's wait, 202 (PENDING) on a loaded machine.
        assertTrue(
                submitted.status() == 200 || submitted.status() == 202,
                submitted.raw().body());
        String actionId = submitted.body().path("actionId").asText();
        JsonNode action = submitted.status() == 200
                ? submitted.body()
                : await().atMost(Duration.ofSeconds(30))
                        .until(
                                () -> partner.send("GET", "/v1/partner/actions/" + actionId, null, false)
                                        .body(),
                                a -> !"PENDING".equals(a.path("status").asText()));
        assertEquals("COMPLETED", action.path("status").asText(), action.toString());
        assertEquals(40, action.path("tokensDistributed").asLong());

        // The production endpoint at the requested URL; its secret revealed once.
        JsonNode endpoint = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> {
                            PartnerClient.Reply r = partner.send("GET", "/v1/partner/webhooks", null, false);
                            return r.status() == 200 && items(r.body()).size() == 1
                                    ? items(r.body()).get(0)
                                    : null;
                        },
                        e -> e != null);
        assertEquals(webhookUrl, endpoint.path("url").asText());
        assertTrue(endpoint.path("isActive").asBoolean());
        assertEquals(false, endpoint.path("secretRevealed").asBoolean());
        String path = "/v1/partner/webhooks/" + endpoint.path("id").asText() + "/reveal-secret";
        PartnerClient.Reply revealed = partner.send("POST", path, null, true);
        assertEquals(200, revealed.status(), revealed.raw().body());
        assertTrue(revealed.body().path("secret").asText().matches("whsec_[0-9a-f]{64}"));
        // A second later: the same request in the same second would be an exact replay (section 3), not a new call.
        Thread.sleep(1100);
        PartnerClient.Reply again = partner.send("POST", path, null, true);
        assertEquals(409, again.status(), again.raw().body());
        assertEquals("CONFLICT", again.body().path("code").asText());
    }
}
