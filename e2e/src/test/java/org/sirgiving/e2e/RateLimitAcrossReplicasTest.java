package org.sirgiving.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
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

    /** Signed reads served by actions-service (two replicas), rewards-service and webhook-dispatcher. */
    static final List<String> PATHS =
            List.of("/v1/partner/actions?limit=1", "/v1/partner/token-pools", "/v1/partner/webhooks");

    @Test
    void theTotalAcceptedInOneWindowStaysWithinTenPercentOfTheLimit() throws Exception {
        PartnerClient p = CredentialPropagationTest.newPartnerOn(run, "ratelimit-" + UUID.randomUUID());
        setLimit(p, LIMIT);
        awaitLimitEverywhere(p, LIMIT);
        freshWindow();

        int accepted = 0;
        int refused = 0;
        int lowest = Integer.MAX_VALUE;
        int largestRise = 0;
        for (int i = 0; i < 3 * LIMIT; i++) {
            PartnerClient.Reply r = p.send("GET", PATHS.get(i % PATHS.size()), null, true);
            int remaining = Integer.parseInt(header(r, "X-RateLimit-Remaining"));
            if (r.status() == 200) {
                accepted++;
            } else {
                assertEquals(429, r.status(), r.raw().body());
                assertEquals("RATE_LIMITED", r.body().path("code").asText());
                assertTrue(r.raw().headers().firstValue("Retry-After").isPresent());
                assertEquals(0, remaining, "a 429 says nothing remains");
                refused++;
            }
            if (lowest != Integer.MAX_VALUE) {
                largestRise = Math.max(largestRise, remaining - lowest);
            }
            lowest = Math.min(lowest, remaining);
        }
        System.out.println("MEASURED rate limit " + LIMIT + "/min over 4 processes: accepted " + accepted + ", refused "
                + refused + "; X-RateLimit-Remaining at most " + largestRise + " above the lowest told before");
        assertTrue(Instant.now().getEpochSecond() % 60 < 50, "the burst stayed inside one window");
        assertTrue(accepted <= LIMIT, "accepted " + accepted + " of limit " + LIMIT);
        assertTrue(accepted >= LIMIT * 0.9, "accepted " + accepted + " of limit " + LIMIT);
        assertEquals(3 * LIMIT - accepted, refused);
        // docs/partner-api.md section 8: an estimate per replica; across them, off by what the others drew since
        // (a chunk of 2 % of 60 = 2 each, at most twice while one replica spends its own: 3 others x 2 x 2).
        assertTrue(largestRise <= 12, "Remaining rose by " + largestRise + " across services");
    }

    /**
     * Issue 13, defect 9: after an operator lowers a limit below what the window already used, every service answers
     * 429 within seconds; none keeps spending what it had leased under the old limit.
     */
    @Test
    void aLoweredLimitStopsEveryServiceWithinSeconds() throws Exception {
        PartnerClient p = CredentialPropagationTest.newPartnerOn(run, "ratelimit-lowered-" + UUID.randomUUID());
        setLimit(p, 1000);
        awaitLimitEverywhere(p, 1000);
        freshWindow();
        // Each process leases a chunk (2 % of 1,000 = 20) and spends a little of it: about 100 granted in all.
        for (int i = 0; i < 4; i++) {
            for (String path : PATHS) {
                assertEquals(200, p.send("GET", path, null, true).status());
            }
            assertEquals(200, p.send("GET", "/v1/partner/config", null, false).status());
        }

        setLimit(p, 50);
        long changed = System.nanoTime();
        Thread.sleep(3000);
        for (int i = 0; i < 4; i++) {
            for (String path : PATHS) {
                assertLimited(p.send("GET", path, null, true), path);
            }
            assertLimited(p.send("GET", "/v1/partner/config", null, false), "/v1/partner/config");
        }
        System.out.println("MEASURED lowered limit: every service answers 429 "
                + Duration.ofNanos(System.nanoTime() - changed).toMillis() + " ms after the change");
        assertTrue(Instant.now().getEpochSecond() % 60 < 50, "it all happened inside one window");
    }

    private static void assertLimited(PartnerClient.Reply r, String path) {
        assertEquals(429, r.status(), path + ": " + r.raw().body());
        assertEquals("50", header(r, "X-RateLimit-Limit"), path);
        assertEquals("0", header(r, "X-RateLimit-Remaining"), path);
    }

    private static String header(PartnerClient.Reply r, String name) {
        return r.raw().headers().firstValue(name).orElse("");
    }

    private static void setLimit(PartnerClient p, int limit) throws Exception {
        String partnerId = p.send("GET", "/v1/partner/config", null, false)
                .body()
                .path("id")
                .asText();
        PartnerClient.Reply set = PartnerClient.withJwt(
                run.gateway(),
                "PATCH",
                "/v1/admin/partners/" + partnerId,
                run.token("ops-e2e", true),
                "{\"rateLimit\":" + limit + ",\"reason\":\"e2e: rate limit\"}");
        assertEquals(200, set.status(), set.raw().body());
    }

    private static void awaitLimitEverywhere(PartnerClient p, int limit) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        for (String path : PATHS) {
            while (!String.valueOf(limit).equals(header(p.send("GET", path, null, true), "X-RateLimit-Limit"))) {
                assertTrue(System.currentTimeMillis() < deadline, "the new limit never reached " + path);
                Thread.sleep(100);
            }
        }
    }

    /** Sleeps to the start of the next minute window (plus half a second), so the test has it all. */
    private static void freshWindow() throws InterruptedException {
        long second = Instant.now().getEpochSecond() % 60;
        Thread.sleep(((60 - second) % 60) * 1000 + 500);
    }
}
