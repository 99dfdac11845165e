package org.sirgiving.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The backup-and-restore runbook (docs/operations.md), drilled on the local run: the four databases are dumped at T,
 * the partner keeps working (actions, a new key, a revocation), then every service is stopped, the databases are
 * restored to T — behind Kafka, which kept everything since — the consumer groups are rewound to before T, the
 * services start again and an operator runs the credentials resync. Afterwards every action is rewarded exactly once
 * (a partner's retries after the restore get the same action ids), the pool and its ledger agree, and the keys follow
 * the restored database (the key created after T is dropped, the revocation after T holds).
 */
@ExtendWith(LocalRunExtension.class)
class RestoreBehindKafkaTest {
    private static final List<String> DATABASES = List.of("keys", "actions", "rewards", "webhooks");
    /** Group → topic, as the runbook's step 3 lists them. */
    private static final Map<String, String> GROUPS = Map.of(
            "rewards-service", "sir.actions.v1",
            "rewards-service-partners", "sir.partners.v1",
            "webhook-dispatcher", "sir.reward-lifecycle.v1",
            "webhook-dispatcher-partners", "sir.partners.v1",
            "actions-service", "sir.reward-lifecycle.v1");

    private static LocalRun run;

    @BeforeAll
    static void start(LocalRun localRun) {
        run = localRun;
    }

    @Test
    void afterARestoreBehindKafkaEveryRewardStandsOnceAndTheKeysFollowTheDatabase() throws Exception {
        String gateway = run.gateway();
        String user = run.token("restore-" + UUID.randomUUID(), false);
        PartnerClient partner =
                new PartnerClient(gateway, issueKey(user, "main").body());
        PartnerClient leakedLater =
                new PartnerClient(gateway, issueKey(user, "leaked later").body());
        String poolId = poolOf(partner);

        Map<String, String> idByKey = new LinkedHashMap<>();
        Map<String, Long> tokensByKey = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            submit(partner, "before-" + i, idByKey, tokensByKey);
        }
        Thread.sleep(2_000); // the outboxes drain: the backup sees a quiet system, as a PITR target would

        Instant t = Instant.now();
        Path backup = Files.createTempDirectory("sir-e2e-backup-");
        for (String db : DATABASES) {
            pg("pg_dump", "-Fc", "-f", backup.resolve(db + ".dump").toString(), database(db));
        }

        // After T: more rewards, a new key, and the older key revoked (it "leaked").
        for (int i = 0; i < 10; i++) {
            submit(partner, "after-" + i, idByKey, tokensByKey);
        }
        PartnerClient.Reply lateKey = issueKey(user, "created after the backup");
        PartnerClient createdLater = new PartnerClient(gateway, lateKey.body());
        assertEquals(
                200, createdLater.send("GET", "/v1/partner/config", null, true).status());
        String leakedId = leakedLater.keyId;
        assertEquals(
                204,
                PartnerClient.withJwt(gateway, "DELETE", "/v1/partner/keys/" + leakedId, user, null)
                        .status());
        Thread.sleep(2_000);

        // The restore: services stopped (broker and gateway keep running), databases back to T, groups rewound.
        stopServices();
        for (String db : DATABASES) {
            pg(
                    "pg_restore",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "-d",
                    database(db),
                    backup.resolve(db + ".dump").toString());
        }
        rewindGroups(t.minus(Duration.ofMinutes(1)));
        run.script(600, "deploy/local/up");

        String operator = run.token("ops-restore", true);
        PartnerClient.Reply resync =
                PartnerClient.withJwt(gateway, "POST", "/v1/admin/credentials/resync", operator, null);
        assertEquals(200, resync.status(), resync.raw().body());
        assertTrue(
                resync.body().path("revokedFromTopic").toString().contains(leakedId),
                "the revocation after T is kept: " + resync.raw().body());
        assertTrue(
                resync.body().path("unknownKeysRevoked").toString().contains(createdLater.keyId),
                "the key created after T is dropped: " + resync.raw().body());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> createdLater
                                .send("GET", "/v1/partner/config", null, true)
                                .status()
                        == 401);
        assertEquals(
                401, leakedLater.send("GET", "/v1/partner/config", null, true).status());

        // The partner retries every key: same action, same reward, nothing granted twice.
        for (Map.Entry<String, String> e : idByKey.entrySet()) {
            PartnerClient.Reply retried = partner.send("POST", "/v1/partner/actions/submit", body(e.getKey()), true);
            // Accepted before T: the restored row answers the replay. After T: actions-service lost the row and
            // accepts the key again, under the same id.
            assertEquals(
                    e.getKey().startsWith("before-"),
                    retried.status() == 409,
                    e.getKey() + " answered " + retried.status() + " "
                            + retried.raw().body());
            JsonNode action = retried.status() == 409 ? retried.body().path("result") : settle(partner, retried);
            assertEquals(e.getValue(), action.path("actionId").asText(), "the id of " + e.getKey());
            assertEquals("COMPLETED", action.path("status").asText(), e.getKey());
            assertEquals(
                    tokensByKey.get(e.getKey()),
                    action.path("tokensDistributed").asLong(),
                    e.getKey());
        }

        long granted = tokensByKey.values().stream().mapToLong(Long::longValue).sum();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode pool = partner.send("GET", "/v1/partner/token-pools/" + poolId, null, false)
                    .body();
            assertEquals(100_000 - granted, pool.path("balance").asLong(), "the pool paid each reward once");
        });
        List<JsonNode> ledger = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode data = partner.send(
                            "GET",
                            "/v1/partner/token-pools/" + poolId + "/ledger?page=" + page + "&limit=100",
                            null,
                            false)
                    .body()
                    .path("data");
            data.forEach(ledger::add);
            if (data.size() < 100) {
                break;
            }
        }
        assertEquals(
                100_000 - granted,
                ledger.stream().mapToLong(x -> x.path("amount").asLong()).sum());
        assertEquals(idByKey.size() + 1, ledger.size(), "one allocation and one debit per action");
    }

    private static PartnerClient.Reply issueKey(String user, String name) throws Exception {
        PartnerClient.Reply r = PartnerClient.withJwt(
                run.gateway(),
                "POST",
                "/v1/partner/keys",
                user,
                "{\"name\":\"" + name + "\",\"environment\":\"sandbox\",\"keyType\":\"standard\"}");
        assertEquals(201, r.status(), r.raw().body());
        return r;
    }

    private static String poolOf(PartnerClient partner) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> {
                            PartnerClient.Reply r = partner.send("GET", "/v1/partner/token-pools", null, false);
                            return r.status() == 200 && r.body().path("data").size() == 1
                                    ? r.body().path("data").get(0).path("id").asText()
                                    : null;
                        },
                        id -> id != null);
    }

    private static String body(String key) {
        return "{\"idempotencyKey\":\"" + key + "\",\"actionType\":\"PURCHASE\",\"amount\":12.5,\"currency\":\"USD\","
                + "\"stakeholders\":[{\"stakeholderTypeCode\":\"CUSTOMER\",\"partnerUserId\":\"u-" + key + "\"}],"
                + "\"autoCreateUsers\":true}";
    }

    private static void submit(PartnerClient partner, String key, Map<String, String> ids, Map<String, Long> tokens)
            throws Exception {
        JsonNode action = settle(partner, partner.send("POST", "/v1/partner/actions/submit", body(key), true));
        assertEquals("COMPLETED", action.path("status").asText(), key + ": " + action);
        ids.put(key, action.path("actionId").asText());
        tokens.put(key, action.path("tokensDistributed").asLong());
    }

    /** The action once decided: a 200 as it is, a 202 read until it leaves PENDING. */
    private static JsonNode settle(PartnerClient partner, PartnerClient.Reply submitted) {
        assertTrue(
                submitted.status() == 200 || submitted.status() == 202,
                submitted.raw().body());
        if (submitted.status() == 200) {
            return submitted.body();
        }
        String id = submitted.body().path("actionId").asText();
        return await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> partner.send("GET", "/v1/partner/actions/" + id, null, false)
                                .body(),
                        a -> !"PENDING".equals(a.path("status").asText()));
    }

    private static String database(String suffix) {
        return run.environment.get("SIR_DB_PREFIX") + suffix;
    }

    private static void pg(String tool, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(tool, "-h", "127.0.0.1", "-U", "sir"));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", System.getenv().getOrDefault("SIR_PG_PASSWORD", "sir"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", argv) + ":\n" + out);
    }

    /** SIGTERM to every service replica of the run (as a scale-to-zero would), then waits until they are gone. */
    private static void stopServices() throws Exception {
        List<ProcessHandle> stopping = new ArrayList<>();
        try (var files = Files.list(run.dir.resolve("pids"))) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString().replace(".pid", "");
                if (name.equals("kafka") || name.equals("gateway")) {
                    continue;
                }
                long pid = Long.parseLong(Files.readString(f).replaceAll("[^0-9]", ""));
                ProcessHandle.of(pid)
                        .filter(h -> h.info().commandLine().orElse("").contains("quarkus-run.jar"))
                        .ifPresent(h -> {
                            h.destroy();
                            stopping.add(h);
                        });
            }
        }
        for (ProcessHandle h : stopping) {
            h.onExit().get(60, TimeUnit.SECONDS);
        }
    }

    /** Step 3 of the runbook, with Kafka's Admin API instead of kafka-consumer-groups.sh. */
    private static void rewindGroups(Instant to) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + LocalRun.KAFKA_PORT);
        try (Admin admin = Admin.create(props)) {
            for (Map.Entry<String, String> g : GROUPS.entrySet()) {
                List<TopicPartition> partitions = admin
                        .describeTopics(List.of(g.getValue()))
                        .allTopicNames()
                        .get()
                        .get(g.getValue())
                        .partitions()
                        .stream()
                        .map(p -> new TopicPartition(g.getValue(), p.partition()))
                        .toList();
                Map<TopicPartition, OffsetSpec> atTime = new HashMap<>();
                Map<TopicPartition, OffsetSpec> atEnd = new HashMap<>();
                partitions.forEach(tp -> {
                    atTime.put(tp, OffsetSpec.forTimestamp(to.toEpochMilli()));
                    atEnd.put(tp, OffsetSpec.latest());
                });
                var found = admin.listOffsets(atTime).all().get();
                var ends = admin.listOffsets(atEnd).all().get();
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                for (TopicPartition tp : partitions) {
                    long offset = found.get(tp).offset();
                    // No record at or after the time: the partition's end.
                    offsets.put(
                            tp,
                            new OffsetAndMetadata(
                                    offset >= 0 ? offset : ends.get(tp).offset()));
                }
                // The group must be empty (its members stopped); the broker notices a closed consumer at once.
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
                    admin.alterConsumerGroupOffsets(g.getKey(), offsets).all().get();
                    return true;
                });
            }
        }
    }
}
