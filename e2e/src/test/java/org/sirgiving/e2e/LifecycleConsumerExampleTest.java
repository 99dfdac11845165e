package org.sirgiving.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sirgiving.examples.lifecycle.LifecycleConsumer;

/**
 * examples/lifecycle-consumer against the running suite, as an internal team runs it: its own consumer group on the
 * local broker, reading sir.reward-lifecycle.v1 while a partner's action goes through the gateway; it prints the
 * action's {@code action.completed} once.
 */
@ExtendWith(LocalRunExtension.class)
class LifecycleConsumerExampleTest {
    private static LocalRun run;

    @BeforeAll
    static void start(LocalRun localRun) {
        run = localRun;
    }

    @Test
    void theExampleConsumerPrintsTheOutcomeOfAnActionSubmittedThroughTheGateway() throws Exception {
        List<String> printed = new CopyOnWriteArrayList<>();
        LifecycleConsumer consumer = new LifecycleConsumer(
                LifecycleConsumer.config("127.0.0.1:" + LocalRun.KAFKA_PORT, "e2e-example-" + UUID.randomUUID()),
                LifecycleConsumer.printing(printed::add));
        Thread loop = new Thread(consumer, "lifecycle-consumer-example");
        loop.start();
        try {
            String token = run.token("e2e-consumer-" + UUID.randomUUID(), false);
            PartnerClient.Reply issued = PartnerClient.withJwt(
                    run.gateway(),
                    "POST",
                    "/v1/partner/keys",
                    token,
                    "{\"name\":\"e2e consumer\",\"environment\":\"sandbox\",\"keyType\":\"standard\"}");
            assertEquals(201, issued.status(), issued.raw().body());
            PartnerClient partner = new PartnerClient(run.gateway(), issued.body());
            String partnerId = partner.send("GET", "/v1/partner/config", null, false)
                    .body()
                    .path("id")
                    .asText();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> partner.send("GET", "/v1/partner/token-pools", null, false)
                                    .body()
                                    .path("data")
                                    .size()
                            == 1);

            String body = "{\"idempotencyKey\":\"consumer_" + UUID.randomUUID() + "\",\"actionType\":\"PURCHASE\","
                    + "\"amount\":20,\"currency\":\"USD\",\"stakeholders\":[{\"stakeholderTypeCode\":\"CUSTOMER\","
                    + "\"partnerUserId\":\"user-7\"}],\"autoCreateUsers\":true}";
            PartnerClient.Reply submitted = partner.send("POST", "/v1/partner/actions/submit", body, true);
            assertTrue(
                    submitted.status() == 200 || submitted.status() == 202,
                    submitted.raw().body());
            String actionId = submitted.body().path("actionId").asText();

            String line = await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> printed.stream()
                                    .filter(l -> l.startsWith("action.completed " + actionId + " "))
                                    .findFirst()
                                    .orElse(null),
                            l -> l != null);
            assertTrue(line.contains(" partner=" + partnerId + " "), line);
            assertTrue(line.contains(" env=sandbox status=COMPLETED tokens="), line);
            assertEquals(
                    1,
                    printed.stream()
                            .filter(l -> l.contains(" " + actionId + " "))
                            .count(),
                    "one line for the action: " + printed);
        } finally {
            consumer.close();
            loop.join(15_000);
        }
    }
}
