package org.sirgiving.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The one rule for every create under an idempotency key (docs/partner-api.md section 3), held against every create
 * the partner API has, through the gateway: the same key and request answers 409 IDEMPOTENT with the original in
 * {@code result} and {@code Idempotent-Replayed: true}; the same key with another request answers 422
 * IDEMPOTENCY_KEY_REUSED; requests racing with one key create one resource, and none of them gets a 5xx.
 */
@ExtendWith(LocalRunExtension.class)
class EveryCreateIsIdempotentTest {
    private static final int RACERS = 8;

    private static PartnerClient partner;
    private static WebhookReceiver receiver;
    private static ExecutorService pool;

    /**
     * One kind of create: where it goes, a body per variant ({@code $KEY} in it becomes the key, where a create needs
     * something unique per key, as a user's externalId), where the key travels, and the created id.
     */
    record Create(String name, String path, Function<String, String> body, boolean keyInBody, String idField) {
        PartnerClient.Reply send(String key, String variant) throws Exception {
            if (keyInBody) {
                return partner.send("POST", path, body.apply(variant).replace("$KEY", key), true);
            }
            return partner.send(
                    "POST", path, body.apply(variant).replace("$KEY", key), true, Map.of("Idempotency-Key", key));
        }
    }

    @BeforeAll
    static void start(LocalRun run) throws Exception {
        PartnerClient.Reply issued = PartnerClient.withJwt(
                run.gateway(),
                "POST",
                "/v1/partner/keys",
                run.token("e2e-idem-" + UUID.randomUUID(), false),
                "{\"name\":\"idempotency\",\"environment\":\"sandbox\",\"keyType\":\"standard\"}");
        assertEquals(201, issued.status(), issued.raw().body());
        partner = new PartnerClient(run.gateway(), issued.body());
        receiver = new WebhookReceiver();
        pool = Executors.newFixedThreadPool(RACERS);
    }

    @AfterAll
    static void stop() throws Exception {
        pool.shutdownNow();
        receiver.close();
    }

    static List<Create> creates() {
        return List.of(
                new Create(
                        "action submit",
                        "/v1/partner/actions/submit",
                        v -> "{\"idempotencyKey\":\"$KEY\",\"actionType\":\"PURCHASE\",\"amount\":" + v
                                + ",\"currency\":\"USD\",\"stakeholders\":[{\"stakeholderTypeCode\":\"CUSTOMER\","
                                + "\"partnerUserId\":\"idem-user\"}],\"autoCreateUsers\":true}",
                        true,
                        "actionId"),
                new Create(
                        "campaign create",
                        "/v1/partner/campaigns",
                        v -> "{\"name\":\"campaign " + v + "\",\"actionTypes\":[\"VOLUNTEER\"]}",
                        false,
                        "id"),
                new Create(
                        "pool request",
                        "/v1/partner/token-pools/request",
                        v -> "{\"amount\":" + v + ",\"reason\":\"more tokens\"}",
                        false,
                        "id"),
                new Create(
                        "user create",
                        "/v1/partner/users",
                        v -> "{\"externalId\":\"user-$KEY\",\"firstName\":\"Ada " + v + "\"}",
                        false,
                        "id"),
                new Create(
                        "webhook endpoint create",
                        "/v1/partner/webhooks",
                        v -> "{\"url\":\"" + receiver.url() + "\",\"description\":\"hook " + v
                                + "\",\"eventTypes\":[\"action.completed\"]}",
                        false,
                        "id"));
    }

    @Test
    void aReplayAnswersTheOriginalAndAnotherRequestUnderTheKeyIsRefused() throws Exception {
        for (Create c : creates()) {
            String key = "idem-" + UUID.randomUUID();
            PartnerClient.Reply first = c.send(key, "10");
            assertTrue(first.status() / 100 == 2, c.name() + ": " + first.raw().body());
            String id = first.body().path(c.idField()).asText();

            PartnerClient.Reply replay = c.send(key, "10");
            assertEquals(409, replay.status(), c.name() + ": " + replay.raw().body());
            assertEquals("IDEMPOTENT", replay.body().path("code").asText(), c.name());
            assertEquals(id, replay.body().path("result").path(c.idField()).asText(), c.name());
            assertEquals(
                    "true",
                    replay.raw().headers().firstValue("Idempotent-Replayed").orElse(null),
                    c.name());

            PartnerClient.Reply reused = c.send(key, "11");
            assertEquals(422, reused.status(), c.name() + ": " + reused.raw().body());
            assertEquals("IDEMPOTENCY_KEY_REUSED", reused.body().path("code").asText(), c.name());
        }
    }

    @Test
    void requestsRacingWithOneKeyCreateOneResourceAndNoneFails() throws Exception {
        for (Create c : creates()) {
            String key = "race-" + UUID.randomUUID();
            List<Callable<PartnerClient.Reply>> racers = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                racers.add(() -> c.send(key, "12"));
            }
            List<PartnerClient.Reply> replies = new ArrayList<>();
            for (Future<PartnerClient.Reply> f : pool.invokeAll(racers)) {
                replies.add(f.get());
            }
            String statuses = replies.stream()
                    .map(r -> r.status() + " " + r.body().path("code").asText(""))
                    .collect(Collectors.joining(", "));
            assertTrue(replies.stream().noneMatch(r -> r.status() >= 500), c.name() + ": " + statuses);
            assertEquals(1, replies.stream().filter(r -> r.status() / 100 == 2).count(), c.name() + ": " + statuses);
            // The others were told the key is taken: replayed, or (an action still being rewarded) in progress.
            assertTrue(
                    replies.stream()
                            .filter(r -> r.status() / 100 != 2)
                            .allMatch(r -> r.status() == 409
                                    && Set.of("IDEMPOTENT", "IDEMPOTENCY_IN_PROGRESS")
                                            .contains(r.body().path("code").asText())),
                    c.name() + ": " + statuses);
            Set<String> ids = replies.stream()
                    .map(r -> r.status() / 100 == 2
                            ? r.body().path(c.idField()).asText()
                            : r.body().path("result").path(c.idField()).asText(""))
                    .filter(s -> !s.isEmpty())
                    .collect(Collectors.toSet());
            assertEquals(1, ids.size(), c.name() + ": one resource, got " + ids);
        }
    }
}
