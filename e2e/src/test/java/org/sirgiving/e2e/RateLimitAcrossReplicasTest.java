package org.sirgiving.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One partner's limit holds for all services and replicas together (issue 3): requests spread over two
 * actions-service replicas (the gateway's round robin), rewards-service and webhook-dispatcher are accepted up to the
 * limit in one minute window, not up to the limit per process.
 */
@ExtendWith(LocalRunExtension.class)
class RateLimitAcrossReplicasTest {
    static final int LIMIT = 60;
    private static LocalRun run;

    @BeforeAll
    static void start(LocalRun localRun) {
        run = localRun;
    }

    @Test
    void theTotalAcceptedInOneWindowStaysWithinTenPercentOfTheLimit() throws Exception {
        PartnerClient p = CredentialPropagationTest.newPartnerOn(run, "ratelimit-" + UUID.randomUUID());
        String partnerId = p.send("GET", "/v1/partner/config", null, false)
                .body()
                .path("id")
                .asText();
        PartnerClient.Reply set = PartnerClient.withJwt(
                run.gateway(),
                "PATCH",
                "/v1/admin/partners/" + partnerId,
                run.token("ops-e2e", true),
                "{\"rateLimit\":" + LIMIT + ",\"reason\":\"e2e: rate limit\"}");
        assertEquals(200, set.status(), set.raw().body());

        List<String> paths = List.of("/v1/partner/actions?limit=1", "/v1/partner/token-pools", "/v1/partner/webhooks");
        long deadline = System.currentTimeMillis() + 10_000;
        for (String path : paths) {
            while (!String.valueOf(LIMIT)
                    .equals(p.send("GET", path, null, true)
                            .raw()
                            .headers()
                            .firstValue("X-RateLimit-Limit")
                            .orElse(""))) {
                assertTrue(System.currentTimeMillis() < deadline, "the new limit never reached " + path);
                Thread.sleep(100);
            }
        }
        // A fresh minute window, with time to spare before it ends.
        long second = Instant.now().getEpochSecond() % 60;
        Thread.sleep(((60 - second) % 60) * 1000 + 500);

        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 3 * LIMIT; i++) {
            PartnerClient.Reply r = p.send("GET", paths.get(i % paths.size()), null, true);
            if (r.status() == 200) {
                accepted++;
            } else {
                assertEquals(429, r.status(), r.raw().body());
                assertEquals("RATE_LIMITED", r.body().path("code").asText());
                assertTrue(r.raw().headers().firstValue("Retry-After").isPresent());
                refused++;
            }
        }
        System.out.println("MEASURED rate limit " + LIMIT + "/min over 4 processes: accepted " + accepted + ", refused "
                + refused);
        assertTrue(Instant.now().getEpochSecond() % 60 < 50, "the burst stayed inside one window");
        assertTrue(accepted <= LIMIT, "accepted " + accepted + " of limit " + LIMIT);
        assertTrue(accepted >= LIMIT * 0.9, "accepted " + accepted + " of limit " + LIMIT);
        assertEquals(3 * LIMIT - accepted, refused);
    }
}
