package org.sirgiving.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Crash recovery under load: partners that retry keep submitting signed actions while rewards-service, one
 * actions-service replica, the Kafka broker and webhook-dispatcher are killed with SIGKILL in turn (each restarted by
 * {@code deploy/local/up}). Afterwards nothing is lost and nothing happens twice: every idempotency key has one final
 * action, no action stays PENDING, each pool fell by exactly the tokens of its completed actions (and its ledger says
 * the same), each user earned exactly its actions' tokens, every outcome reached the partner's webhook, and each
 * action's event has one event id however often it was announced or delivered.
 */
@ExtendWith(LocalRunExtension.class)
class CrashRecoveryTest {
    static final int PARTNERS = 6;
    /** Client threads per partner; each keeps up to {@link #MAX_OPEN_PER_LANE} unanswered keys and retries them. */
    static final int LANES_PER_PARTNER = 2;

    static final int MAX_OPEN_PER_LANE = 6;
    static final int USERS_PER_PARTNER = 4;
    /** New actions per second, all partners together (retries come on top). */
    static final double NEW_ACTIONS_PER_SECOND = 20;

    static final List<String> VICTIMS = List.of("rewards-service", "actions-service", "kafka", "webhook-dispatcher");
    static final Duration WARM_UP = Duration.ofSeconds(8);
    /** Dead time between the kill and the restart. */
    static final Duration DEAD_TIME = Duration.ofMillis(2500);
    /** Load after a restart (readiness reached) before the next kill. */
    static final Duration AFTER_RESTART = Duration.ofSeconds(8);

    static final int RESTART_TIMEOUT_SECONDS = 300;
    /** How long one idempotency key is retried before the client gives up on it. */
    static final Duration KEY_BUDGET = Duration.ofSeconds(120);
    /** After the load stops: until no action is PENDING. */
    static final Duration DRAIN = Duration.ofSeconds(90);
    /** After the drain: until every outcome's webhook arrived (a killed dispatcher's lease is 60 s). */
    static final Duration WEBHOOKS = Duration.ofSeconds(90);
    /** After the last expected webhook: time for a late second announcement with a new id to show up. */
    static final Duration WEBHOOK_QUIET = Duration.ofSeconds(3);

    static final String PATH_SUBMIT = "/v1/partner/actions/submit";

    private static LocalRun run;

    @BeforeAll
    static void start(LocalRun localRun) {
        run = localRun;
    }

    // ---- the partners -----------------------------------------------------------------------------------------

    /** One sandbox partner: its signing client, pool, webhook receiver and every action it submitted. */
    static final class Partner {
        final int index;
        final PartnerClient client;
        final String poolId;
        final long balanceBefore;
        final long distributedBefore;
        final WebhookReceiver receiver;
        final String webhookId;
        final String webhookSecret;
        final List<Submission> submissions = new CopyOnWriteArrayList<>();

        Partner(
                int index,
                PartnerClient client,
                String poolId,
                long balanceBefore,
                long distributedBefore,
                WebhookReceiver receiver,
                String webhookId,
                String webhookSecret) {
            this.index = index;
            this.client = client;
            this.poolId = poolId;
            this.balanceBefore = balanceBefore;
            this.distributedBefore = distributedBefore;
            this.receiver = receiver;
            this.webhookId = webhookId;
            this.webhookSecret = webhookSecret;
        }

        @Override
        public String toString() {
            return "partner " + index;
        }
    }

    /** One idempotency key as its client lane sees it. Touched by its lane only until the lanes are joined. */
    static final class Submission {
        final Partner partner;
        final String key;
        final String userId;
        final long amount;
        final String body;
        long firstSentNanos;
        long nextAttemptNanos;
        int httpAttempts;
        int consecutiveRetries;
        String lastAnswer = "not sent";
        /** Set once: COMPLETED, FAILED (402 or a replayed refusal), UNEXPECTED (an answer the client does not retry) or GAVE_UP. */
        String finalKind;

        String actionId;
        String finalStatus;
        long tokens;
        String failureCode;
        boolean finalByReplay;
        long finishedNanos;

        Submission(Partner partner, String key, String userId, long amount, String body) {
            this.partner = partner;
            this.key = key;
            this.userId = userId;
            this.amount = amount;
            this.body = body;
        }

        boolean isFinal() {
            return finalKind != null;
        }

        @Override
        public String toString() {
            return partner + " key " + key + (actionId == null ? "" : " (" + actionId + ")") + ": " + httpAttempts
                    + " attempts, last answer " + lastAnswer;
        }
    }

    /** Retry bookkeeping shared by all lanes. */
    static final class Counters {
        final LongAdder httpAttempts = new LongAdder();
        final Map<String, LongAdder> retriesByReason = new ConcurrentHashMap<>();
        final Map<String, LongAdder> finalsByKind = new ConcurrentHashMap<>();

        void retry(String reason) {
            retriesByReason.computeIfAbsent(reason, r -> new LongAdder()).increment();
        }

        long retries() {
            return retriesByReason.values().stream().mapToLong(LongAdder::sum).sum();
        }
    }

    record Kill(String component, long oldPid, long newPid, long restartMillis, List<String> alsoRestarted) {}

    // ---- the test ---------------------------------------------------------------------------------------------

    @Test
    void nothingIsLostOrDoubledWhenEachProcessIsKilledUnderLoad() throws Exception {
        String runId = UUID.randomUUID().toString().substring(0, 8);
        List<Partner> partners = new ArrayList<>();
        List<Kill> kills = new ArrayList<>();
        Counters counters = new Counters();
        AtomicBoolean stop = new AtomicBoolean(false);
        ExecutorService lanes = Executors.newFixedThreadPool(PARTNERS * LANES_PER_PARTNER, r -> {
            Thread t = new Thread(r, "crash-client");
            t.setDaemon(true);
            return t;
        });
        String pendingKill = null;
        try {
            for (int i = 0; i < PARTNERS; i++) {
                partners.add(newPartner(i, runId));
            }

            // The load: every lane paces its new actions and retries its open keys until each has a final answer.
            long loadStart = System.nanoTime();
            long laneInterval = (long) (1e9 * PARTNERS * LANES_PER_PARTNER / NEW_ACTIONS_PER_SECOND);
            List<Future<?>> laneFutures = new ArrayList<>();
            for (Partner p : partners) {
                for (int lane = 0; lane < LANES_PER_PARTNER; lane++) {
                    int l = lane;
                    long offset = laneInterval * (p.index * LANES_PER_PARTNER + l) / (PARTNERS * LANES_PER_PARTNER);
                    laneFutures.add(lanes.submit(() -> {
                        runLane(p, l, runId, loadStart + offset, laneInterval, stop, counters);
                        return null;
                    }));
                }
            }

            Thread.sleep(WARM_UP.toMillis());
            for (String victim : VICTIMS) {
                Map<String, Long> before = runningPids();
                Long pid = before.get(victim);
                if (pid == null) {
                    fail(victim + " is not running before its kill (pid file " + pidFile(victim) + "); running: "
                            + before);
                }
                pendingKill = victim;
                killHard(victim, pid);
                Thread.sleep(DEAD_TIME.toMillis());
                long t0 = System.nanoTime();
                run.script(RESTART_TIMEOUT_SECONDS, "deploy/local/up");
                long restartMillis = (System.nanoTime() - t0) / 1_000_000;
                Map<String, Long> after = runningPids();
                Long newPid = after.get(victim);
                assertTrue(
                        newPid != null && newPid != (long) pid,
                        "deploy/local/up did not restart " + victim + " (pid before " + pid + ", after " + newPid
                                + ")");
                pendingKill = null;
                List<String> alsoRestarted = new ArrayList<>();
                before.forEach((component, oldPid) -> {
                    if (!component.equals(victim) && !oldPid.equals(after.get(component))) {
                        alsoRestarted.add(component + " (pid " + oldPid + " -> " + after.get(component) + ")");
                    }
                });
                after.keySet().stream()
                        .filter(c -> !before.containsKey(c))
                        .forEach(c -> alsoRestarted.add(c + " (was not running before the kill)"));
                kills.add(new Kill(victim, pid, newPid, restartMillis, alsoRestarted));
                System.out.println("CRASH killed " + victim + " (pid " + pid + "), restarted as pid " + newPid + " in "
                        + restartMillis + " ms"
                        + (alsoRestarted.isEmpty() ? "" : "; also restarted: " + alsoRestarted));
                Thread.sleep(AFTER_RESTART.toMillis());
            }

            // Stop new actions; the lanes keep retrying their open keys (each within its own budget).
            stop.set(true);
            long stopNanos = System.nanoTime();
            lanes.shutdown();
            if (!lanes.awaitTermination(KEY_BUDGET.toSeconds() + 45, TimeUnit.SECONDS)) {
                lanes.shutdownNow();
                fail("the client lanes did not finish within " + (KEY_BUDGET.toSeconds() + 45)
                        + " s after the load stopped");
            }
            for (Future<?> f : laneFutures) {
                f.get(); // a lane that threw fails the test here, with its exception
            }
            long lanesDoneMillis = (System.nanoTime() - stopNanos) / 1_000_000;

            // Drain: no action PENDING for any partner.
            long pendingDeadline = Math.max(stopNanos + DRAIN.toNanos(), System.nanoTime() + 5_000_000_000L);
            Map<Partner, List<JsonNode>> stillPending;
            while (true) {
                stillPending = new LinkedHashMap<>();
                for (Partner p : partners) {
                    List<JsonNode> pending = listActions(p, "PENDING");
                    if (!pending.isEmpty()) {
                        stillPending.put(p, pending);
                    }
                }
                if (stillPending.isEmpty() || System.nanoTime() > pendingDeadline) {
                    break;
                }
                Thread.sleep(1000);
            }
            long drainMillis = (System.nanoTime() - stopNanos) / 1_000_000;

            Verification v = new Verification();
            for (Kill k : kills) {
                if (!k.alsoRestarted().isEmpty()) {
                    v.problem(
                            "processes",
                            "after killing " + k.component() + ", deploy/local/up also restarted " + k.alsoRestarted()
                                    + ": they had died on their own (logs in " + run.dir.resolve("logs") + ")");
                }
            }
            stillPending.forEach((p, pending) -> v.problem(
                    "drain",
                    p + ": " + pending.size()
                            + " action(s) still PENDING " + DRAIN.toSeconds() + " s after the load stopped, e.g. "
                            + brief(pending.get(0))));

            Map<Partner, Map<String, JsonNode>> stored = new LinkedHashMap<>();
            for (Partner p : partners) {
                stored.put(p, verifyActions(p, v));
            }
            for (Partner p : partners) {
                verifyPoolLedgerAndUsers(p, stored.get(p), v);
            }
            long webhookStart = System.nanoTime();
            Map<String, Long> webhookStats = verifyWebhooks(partners, stored, v);
            long webhookMillis = (System.nanoTime() - webhookStart) / 1_000_000;

            // ---- summary -------------------------------------------------------------------------------------
            List<Submission> all =
                    partners.stream().flatMap(p -> p.submissions.stream()).toList();
            long completed =
                    all.stream().filter(s -> "COMPLETED".equals(s.finalKind)).count();
            long maxKeyMillis = all.stream()
                    .filter(s -> s.finishedNanos > 0)
                    .mapToLong(s -> (s.finishedNanos - s.firstSentNanos) / 1_000_000)
                    .max()
                    .orElse(0);
            long retriedKeys = all.stream().filter(s -> s.httpAttempts > 1).count();
            StringBuilder summary = new StringBuilder("MEASURED crash recovery: ")
                    .append(all.size())
                    .append(" actions from ")
                    .append(PARTNERS)
                    .append(" partners in ")
                    .append((stopNanos - loadStart) / 1_000_000_000)
                    .append(" s of load; final answers ")
                    .append(new TreeMap<>(sum(counters.finalsByKind)))
                    .append(" (")
                    .append(completed)
                    .append(" completed)")
                    .append("\n  kills: ");
            for (Kill k : kills) {
                summary.append(k.component())
                        .append(" (restart ")
                        .append(k.restartMillis())
                        .append(" ms) ");
            }
            summary.append("\n  http attempts ")
                    .append(counters.httpAttempts.sum())
                    .append(", retries ")
                    .append(counters.retries())
                    .append(" on ")
                    .append(retriedKeys)
                    .append(" keys ")
                    .append(new TreeMap<>(sum(counters.retriesByReason)))
                    .append("; slowest key ")
                    .append(maxKeyMillis)
                    .append(" ms")
                    .append("\n  lanes done ")
                    .append(lanesDoneMillis)
                    .append(" ms and no PENDING ")
                    .append(drainMillis)
                    .append(" ms after the load stopped; webhooks complete after a further ")
                    .append(webhookMillis)
                    .append(" ms ")
                    .append(webhookStats);
            System.out.println(summary);

            v.assertNone();
        } finally {
            stop.set(true);
            lanes.shutdownNow();
            if (pendingKill != null) {
                // Leave the shared run as the other test classes expect it.
                try {
                    run.script(RESTART_TIMEOUT_SECONDS, "deploy/local/up");
                } catch (Exception e) {
                    System.out.println("CRASH could not restart " + pendingKill + ": " + e.getMessage());
                }
            }
            for (Partner p : partners) {
                try {
                    p.client.send("DELETE", "/v1/partner/webhooks/" + p.webhookId, null, true);
                } catch (Exception ignored) {
                    // best effort: the endpoint would only collect failed deliveries
                }
                p.receiver.close();
            }
        }
    }

    // ---- set-up -----------------------------------------------------------------------------------------------

    private Partner newPartner(int index, String runId) throws Exception {
        PartnerClient client = CredentialPropagationTest.newPartnerOn(run, "crash-" + runId + "-" + index);
        JsonNode pool = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (pool == null) {
            PartnerClient.Reply r = client.send("GET", "/v1/partner/token-pools", null, false);
            if (r.status() == 200 && r.body().path("data").size() == 1) {
                pool = r.body().path("data").get(0);
            } else {
                assertTrue(
                        System.nanoTime() < deadline,
                        "partner " + index + ": the sandbox pool never appeared: " + r.status() + " "
                                + r.raw().body());
                Thread.sleep(200);
            }
        }
        WebhookReceiver receiver = new WebhookReceiver();
        PartnerClient.Reply hook = client.send(
                "POST",
                "/v1/partner/webhooks",
                "{\"url\":\"" + receiver.url()
                        + "\",\"description\":\"e2e crash recovery\",\"eventTypes\":[\"action.completed\",\"action.failed\"]}",
                true);
        if (hook.status() != 201) {
            receiver.close();
            fail("partner " + index + ": creating the webhook endpoint answered " + hook.status() + " "
                    + hook.raw().body());
        }
        return new Partner(
                index,
                client,
                pool.path("id").asText(),
                pool.path("balance").asLong(),
                pool.path("totalDistributed").asLong(),
                receiver,
                hook.body().path("id").asText(),
                hook.body().path("secret").asText());
    }

    // ---- the retrying client ----------------------------------------------------------------------------------

    private static void runLane(
            Partner p,
            int lane,
            String runId,
            long firstNewNanos,
            long intervalNanos,
            AtomicBoolean stop,
            Counters counters)
            throws Exception {
        List<Submission> open = new ArrayList<>();
        long nextNew = firstNewNanos;
        int seq = 0;
        String[] types = {"PURCHASE", "DONATION", "VOLUNTEER"};
        while (true) {
            long now = System.nanoTime();
            boolean stopping = stop.get();
            if (stopping && open.isEmpty()) {
                return;
            }
            Submission due = null;
            for (Submission s : open) {
                if (s.nextAttemptNanos <= now && (due == null || s.nextAttemptNanos < due.nextAttemptNanos)) {
                    due = s;
                }
            }
            if (due != null) {
                attempt(due, counters);
                if (due.isFinal()) {
                    open.remove(due);
                }
                continue;
            }
            boolean mayStartNew = !stopping && open.size() < MAX_OPEN_PER_LANE;
            if (mayStartNew && now >= nextNew) {
                nextNew = Math.max(nextNew, now) + intervalNanos; // no catching up after a slow spell
                seq++;
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                String key = "crash-" + runId + "-p" + p.index + "-l" + lane + "-" + seq;
                String userId = "crash-user-" + (1 + rnd.nextInt(USERS_PER_PARTNER));
                long amount = 1 + rnd.nextInt(20);
                ObjectNode body = PartnerClient.JSON.createObjectNode();
                body.put("idempotencyKey", key);
                body.put("actionType", types[seq % types.length]);
                body.put("amount", amount);
                body.put("currency", "USD");
                ObjectNode stakeholder = body.putArray("stakeholders").addObject();
                stakeholder.put("stakeholderTypeCode", "CUSTOMER");
                stakeholder.put("partnerUserId", userId);
                body.put("autoCreateUsers", true);
                Submission s = new Submission(p, key, userId, amount, PartnerClient.JSON.writeValueAsString(body));
                p.submissions.add(s);
                attempt(s, counters);
                if (!s.isFinal()) {
                    open.add(s);
                }
                continue;
            }
            long wake = mayStartNew ? nextNew : now + 200_000_000L;
            for (Submission s : open) {
                wake = Math.min(wake, s.nextAttemptNanos);
            }
            Thread.sleep(Math.max(1, Math.min(200, (wake - now) / 1_000_000)));
        }
    }

    /** One HTTP attempt of a key: a final answer ends it, anything retryable schedules the next attempt. */
    private static void attempt(Submission s, Counters counters) throws InterruptedException {
        long now = System.nanoTime();
        if (s.httpAttempts == 0) {
            s.firstSentNanos = now;
        } else if (now - s.firstSentNanos > KEY_BUDGET.toNanos()) {
            finish(s, "GAVE_UP", counters);
            return;
        }
        s.httpAttempts++;
        counters.httpAttempts.increment();
        PartnerClient.Reply r;
        try {
            r = s.partner.client.send("POST", PATH_SUBMIT, s.body, true);
        } catch (IOException e) {
            s.lastAnswer = "network error " + e.getClass().getSimpleName() + ": " + e.getMessage();
            retry(s, "network", 0, counters);
            return;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            s.lastAnswer = "client error " + e;
            retry(s, "client-error", 0, counters);
            return;
        }
        int status = r.status();
        JsonNode body = r.body();
        String code = body.path("code").asText("");
        s.lastAnswer = status + (code.isEmpty() ? "" : " " + code) + " "
                + abbreviate(r.raw().body());
        long retryAfter = r.raw()
                        .headers()
                        .firstValue("Retry-After")
                        .map(v -> {
                            try {
                                return Math.min(10, Long.parseLong(v.trim()));
                            } catch (NumberFormatException e) {
                                return 1L;
                            }
                        })
                        .orElse(0L)
                * 1000;
        if (status == 200 && "COMPLETED".equals(body.path("status").asText())) {
            decided(s, body, false, counters);
        } else if (status == 202) {
            s.actionId = body.path("actionId").asText(s.actionId);
            retry(s, "202 PENDING", 0, counters);
        } else if (status == 409 && "IDEMPOTENT".equals(code)) {
            decided(s, body.path("result"), true, counters);
        } else if (status == 409 && "IDEMPOTENCY_IN_PROGRESS".equals(code)) {
            retry(s, "409 IDEMPOTENCY_IN_PROGRESS", retryAfter, counters);
        } else if (status == 402) {
            decided(s, body.path("result"), false, counters);
        } else if (status == 429) {
            retry(s, "429 RATE_LIMITED", Math.max(retryAfter, 1000), counters);
        } else if (status >= 500) {
            retry(s, status + (code.isEmpty() ? "" : " " + code), retryAfter, counters);
        } else {
            finish(s, "UNEXPECTED", counters);
        }
    }

    private static void decided(Submission s, JsonNode action, boolean replay, Counters counters) {
        s.finalByReplay = replay;
        s.actionId = action.path("actionId").asText(s.actionId);
        s.finalStatus = action.path("status").asText(null);
        s.tokens = action.path("tokensDistributed").asLong();
        s.failureCode = action.path("failureCode").asText(null);
        if ("COMPLETED".equals(s.finalStatus)) {
            finish(s, "COMPLETED", counters);
        } else if ("FAILED".equals(s.finalStatus)) {
            finish(s, "FAILED", counters);
        } else {
            finish(s, "UNEXPECTED", counters);
        }
    }

    private static void finish(Submission s, String kind, Counters counters) {
        s.finalKind = kind;
        s.finishedNanos = System.nanoTime();
        counters.finalsByKind.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    /** Exponential backoff from 0.5 s to 4 s (at least the server's Retry-After), with jitter. */
    private static void retry(Submission s, String reason, long retryAfterMillis, Counters counters) {
        counters.retry(reason);
        s.consecutiveRetries++;
        long backoff = Math.min(4000, 500L << Math.min(3, s.consecutiveRetries - 1));
        long delay = Math.max(backoff, retryAfterMillis)
                + ThreadLocalRandom.current().nextLong(250);
        s.nextAttemptNanos = System.nanoTime() + delay * 1_000_000;
    }

    // ---- the processes ----------------------------------------------------------------------------------------

    private static Path pidFile(String component) {
        return run.dir.resolve("pids").resolve(component + ".pid");
    }

    /** Every component with a pid file whose process is alive, by component name. */
    private static Map<String, Long> runningPids() throws IOException {
        Map<String, Long> out = new TreeMap<>();
        Path dir = run.dir.resolve("pids");
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (!name.endsWith(".pid")) {
                    continue;
                }
                String component = name.substring(0, name.length() - 4);
                String digits = Files.readString(f).replaceAll("[^0-9]", "");
                if (digits.isEmpty()) {
                    continue;
                }
                long pid = Long.parseLong(digits);
                String cmdline = commandLine(pid);
                if (alive(pid) && cmdline != null && cmdline.contains(marker(component))) {
                    out.put(component, pid);
                }
            }
        }
        return out;
    }

    /** The text in a component's command line that proves a PID still is that component (as deploy/local/lib.sh). */
    private static String marker(String component) {
        return switch (component) {
            case "kafka" -> "org.sirgiving.kafkabroker.KafkaBroker";
            case "gateway" -> run.dir.resolve("gateway").resolve("nginx.conf").toString();
            default ->
                run.repo
                        .resolve(component.replaceFirst("-[0-9]+$", ""))
                        .resolve("target/quarkus-app/quarkus-run.jar")
                        .toString();
        };
    }

    private static void killHard(String component, long pid) throws Exception {
        String cmdline = commandLine(pid);
        assertTrue(
                cmdline != null && cmdline.contains(marker(component)),
                "pid " + pid + " of " + component + " is not that component (command line: " + cmdline
                        + "); refusing to kill it");
        ProcessHandle handle = ProcessHandle.of(pid).orElse(null);
        if (handle == null || !handle.destroyForcibly()) {
            // destroyForcibly is SIGKILL on Unix; fall back to kill(1) if the JDK refused.
            Process p = new ProcessBuilder("kill", "-9", Long.toString(pid))
                    .redirectErrorStream(true)
                    .start();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (alive(pid)) {
            assertTrue(System.nanoTime() < deadline, component + " (pid " + pid + ") still alive 10 s after SIGKILL");
            Thread.sleep(50);
        }
    }

    /** Alive and not a zombie (a killed process nobody reaped yet still has a /proc entry). */
    private static boolean alive(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (Files.exists(stat)) {
            try {
                String s = Files.readString(stat);
                int close = s.lastIndexOf(')');
                char state = close >= 0 && close + 2 < s.length() ? s.charAt(close + 2) : '?';
                return state != 'Z' && state != 'X';
            } catch (IOException e) {
                return false; // vanished while reading
            }
        }
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static String commandLine(long pid) {
        Path cmd = Path.of("/proc", Long.toString(pid), "cmdline");
        try {
            if (Files.exists(cmd)) {
                return new String(Files.readAllBytes(cmd), StandardCharsets.UTF_8).replace('\0', ' ');
            }
        } catch (IOException e) {
            return null;
        }
        return ProcessHandle.of(pid).flatMap(h -> h.info().commandLine()).orElse(null);
    }

    // ---- verification -----------------------------------------------------------------------------------------

    /** Problems by category, reported together at the end. */
    static final class Verification {
        final Map<String, List<String>> problems = new LinkedHashMap<>();

        void problem(String category, String message) {
            problems.computeIfAbsent(category, c -> new ArrayList<>()).add(message);
        }

        void assertNone() {
            if (problems.isEmpty()) {
                return;
            }
            StringBuilder sb = new StringBuilder("crash recovery broke the guarantees:");
            problems.forEach((category, list) -> {
                sb.append("\n[")
                        .append(category)
                        .append("] ")
                        .append(list.size())
                        .append(" problem(s):");
                list.stream().limit(8).forEach(m -> sb.append("\n  - ").append(m));
                if (list.size() > 8) {
                    sb.append("\n  - … and ").append(list.size() - 8).append(" more");
                }
            });
            fail(sb.toString());
        }
    }

    /** The client's final answers against the stored actions; returns the stored actions by idempotency key. */
    private static Map<String, JsonNode> verifyActions(Partner p, Verification v) throws Exception {
        Map<String, JsonNode> byKey = new HashMap<>();
        for (JsonNode a : listActions(p, null)) {
            JsonNode earlier = byKey.put(a.path("idempotencyKey").asText(), a);
            if (earlier != null) {
                v.problem(
                        "actions",
                        p + ": two actions for key " + a.path("idempotencyKey").asText() + ": " + brief(earlier)
                                + " and " + brief(a));
            }
        }
        Set<String> submittedKeys = new HashSet<>();
        for (Submission s : p.submissions) {
            submittedKeys.add(s.key);
            if (!s.isFinal()) {
                v.problem("client", "no final answer (lane stopped): " + s);
            } else if ("GAVE_UP".equals(s.finalKind)) {
                v.problem("client", "no final answer within " + KEY_BUDGET.toSeconds() + " s: " + s);
            } else if ("UNEXPECTED".equals(s.finalKind)) {
                v.problem("client", "unexpected answer: " + s);
            }
            JsonNode a = byKey.get(s.key);
            if (a == null) {
                v.problem("actions", p + ": no stored action for submitted key " + s.key + " (" + s + ")");
                continue;
            }
            String status = a.path("status").asText();
            if ("COMPLETED".equals(status)) {
                if (a.path("tokensDistributed").asLong() != s.amount) {
                    v.problem(
                            "actions",
                            p + ": " + brief(a) + " distributed "
                                    + a.path("tokensDistributed").asLong() + " tokens for amount " + s.amount
                                    + " (default rule: the amount, rounded)");
                }
            } else if ("FAILED".equals(status)) {
                // Only a pool that ran dry may refuse (checked against the balance in verifyPoolLedgerAndUsers).
                if (!"INSUFFICIENT_POOL".equals(a.path("failureCode").asText(""))) {
                    v.problem("actions", p + ": FAILED other than INSUFFICIENT_POOL: " + brief(a));
                }
            } else {
                v.problem("actions", p + ": action not final after the drain: " + brief(a));
            }
            if (s.isFinal() && s.finalStatus != null) {
                if (!a.path("actionId").asText().equals(s.actionId)) {
                    v.problem(
                            "actions",
                            p + ": key " + s.key + " was answered with " + s.actionId + " but stored as "
                                    + a.path("actionId").asText());
                }
                if (!s.finalStatus.equals(status)) {
                    v.problem(
                            "actions",
                            p + ": key " + s.key + " was answered " + s.finalStatus
                                    + (s.finalByReplay ? " (replay)" : "") + " but is stored " + brief(a));
                } else if ("COMPLETED".equals(status)
                        && s.tokens != a.path("tokensDistributed").asLong()) {
                    v.problem(
                            "actions",
                            p + ": key " + s.key + " was answered with " + s.tokens + " tokens but stored with "
                                    + a.path("tokensDistributed").asLong());
                }
            }
        }
        for (Map.Entry<String, JsonNode> e : byKey.entrySet()) {
            if (!submittedKeys.contains(e.getKey())) {
                v.problem("actions", p + ": an action nobody submitted: " + brief(e.getValue()));
            }
        }
        return byKey;
    }

    private static void verifyPoolLedgerAndUsers(Partner p, Map<String, JsonNode> stored, Verification v)
            throws Exception {
        long distributed = 0;
        long refused = 0;
        Map<String, Long> tokensByAction = new HashMap<>();
        Map<String, Long> expectedByUser = new TreeMap<>();
        Map<String, Submission> byKey = new HashMap<>();
        p.submissions.forEach(s -> byKey.put(s.key, s));
        for (JsonNode a : stored.values()) {
            if ("COMPLETED".equals(a.path("status").asText())) {
                long t = a.path("tokensDistributed").asLong();
                distributed += t;
                tokensByAction.put(a.path("actionId").asText(), t);
                Submission s = byKey.get(a.path("idempotencyKey").asText());
                if (s != null) {
                    expectedByUser.merge(s.userId, t, Long::sum);
                }
            } else if ("INSUFFICIENT_POOL".equals(a.path("failureCode").asText(""))) {
                refused++;
            }
        }

        // The pool.
        PartnerClient.Reply poolReply = read(p, "/v1/partner/token-pools/" + p.poolId);
        if (poolReply.status() != 200) {
            v.problem(
                    "pool",
                    p + ": GET pool answered " + poolReply.status() + " "
                            + poolReply.raw().body());
            return;
        }
        JsonNode pool = poolReply.body();
        long balance = pool.path("balance").asLong();
        if (p.balanceBefore - balance != distributed) {
            v.problem(
                    "pool",
                    p + ": pool " + p.poolId + " fell by " + (p.balanceBefore - balance) + " (" + p.balanceBefore
                            + " -> " + balance + ") but its COMPLETED actions distributed " + distributed);
        }
        if (refused > 0 && balance >= 20) {
            v.problem(
                    "pool",
                    p + ": " + refused + " action(s) refused INSUFFICIENT_POOL although the pool holds " + balance
                            + " tokens (amounts are at most 20)");
        }
        if (pool.path("totalDistributed").asLong() - p.distributedBefore != distributed) {
            v.problem(
                    "pool",
                    p + ": pool totalDistributed rose by "
                            + (pool.path("totalDistributed").asLong() - p.distributedBefore)
                            + " but its COMPLETED actions distributed " + distributed);
        }

        // The ledger (paged, newest first): it sums to the balance, and has one REWARD entry per completed action.
        List<JsonNode> ledger = new ArrayList<>();
        long total = -1;
        for (int page = 1; total < 0 || ledger.size() < total; page++) {
            PartnerClient.Reply r =
                    read(p, "/v1/partner/token-pools/" + p.poolId + "/ledger?page=" + page + "&limit=100");
            if (r.status() != 200) {
                v.problem(
                        "ledger",
                        p + ": GET ledger page " + page + " answered " + r.status() + " "
                                + r.raw().body());
                return;
            }
            total = r.body().path("total").asLong();
            JsonNode data = r.body().path("data");
            if (data.isEmpty()) {
                break;
            }
            data.forEach(ledger::add);
            if (page > 1000) {
                break;
            }
        }
        if (ledger.size() != total) {
            v.problem("ledger", p + ": read " + ledger.size() + " ledger entries but the ledger says total " + total);
        }
        long sum = ledger.stream().mapToLong(e -> e.path("amount").asLong()).sum();
        if (sum != balance) {
            v.problem("ledger", p + ": ledger entries sum to " + sum + " but the pool balance is " + balance);
        }
        if (!ledger.isEmpty() && ledger.get(0).path("balanceAfter").asLong() != balance) {
            v.problem(
                    "ledger",
                    p + ": the newest ledger entry has balanceAfter "
                            + ledger.get(0).path("balanceAfter").asLong() + " but the pool balance is " + balance);
        }
        Map<String, Long> rewardsByAction = new HashMap<>();
        for (JsonNode e : ledger) {
            if ("REWARD".equals(e.path("type").asText())) {
                String actionId = e.path("actionId").asText();
                if (rewardsByAction.put(actionId, -e.path("amount").asLong()) != null) {
                    v.problem("ledger", p + ": the pool was debited twice for " + actionId);
                }
            } else if (!"ALLOCATION".equals(e.path("type").asText())) {
                v.problem("ledger", p + ": an unexpected ledger entry " + e);
            }
        }
        if (!rewardsByAction.equals(tokensByAction)) {
            Set<String> missing = new HashSet<>(tokensByAction.keySet());
            missing.removeAll(rewardsByAction.keySet());
            Set<String> extra = new HashSet<>(rewardsByAction.keySet());
            extra.removeAll(tokensByAction.keySet());
            long differing = tokensByAction.entrySet().stream()
                    .filter(e -> rewardsByAction.containsKey(e.getKey())
                            && !rewardsByAction.get(e.getKey()).equals(e.getValue()))
                    .count();
            v.problem(
                    "ledger",
                    p + ": REWARD entries do not match the COMPLETED actions: " + missing.size()
                            + " completed without a debit " + first(missing) + ", " + extra.size()
                            + " debits without a completed action "
                            + first(extra) + ", " + differing + " with another amount");
        }

        // The users: each earned exactly its actions' tokens (one stakeholder per action: the whole reward).
        long earnedTotal = 0;
        for (int u = 1; u <= USERS_PER_PARTNER; u++) {
            String userId = "crash-user-" + u;
            long expected = expectedByUser.getOrDefault(userId, 0L);
            PartnerClient.Reply r = read(p, "/v1/partner/users/" + userId + "/balance");
            if (r.status() == 404 && expected == 0) {
                continue;
            }
            if (r.status() != 200) {
                v.problem(
                        "users",
                        p + ": balance of " + userId + " answered " + r.status() + " "
                                + r.raw().body());
                continue;
            }
            long earned = r.body().path("lifetimeEarned").asLong();
            earnedTotal += earned;
            if (earned != expected) {
                v.problem(
                        "users",
                        p + ": " + userId + " lifetimeEarned " + earned + " but its COMPLETED actions distributed "
                                + expected);
            }
        }
        if (earnedTotal != distributed) {
            v.problem(
                    "users",
                    p + ": the users earned " + earnedTotal + " in all but the COMPLETED actions distributed "
                            + distributed);
        }
    }

    /**
     * Waits (bounded) until every COMPLETED action's action.completed and every FAILED action's action.failed reached
     * the partner's receiver, then checks that each (action, event type, attempt) came with one event id only.
     */
    private static Map<String, Long> verifyWebhooks(
            List<Partner> partners, Map<Partner, Map<String, JsonNode>> stored, Verification v) throws Exception {
        Map<Partner, Map<String, String>> expected = new LinkedHashMap<>(); // actionId -> event type
        for (Partner p : partners) {
            Map<String, String> e = new HashMap<>();
            for (JsonNode a : stored.get(p).values()) {
                String status = a.path("status").asText();
                if ("COMPLETED".equals(status)) {
                    e.put(a.path("actionId").asText(), "action.completed");
                } else if ("FAILED".equals(status)) {
                    e.put(a.path("actionId").asText(), "action.failed");
                }
            }
            expected.put(p, e);
        }
        long deadline = System.nanoTime() + WEBHOOKS.toNanos();
        Map<Partner, Set<String>> missing;
        while (true) {
            missing = new LinkedHashMap<>();
            for (Partner p : partners) {
                Set<String> seen = new HashSet<>();
                for (WebhookReceiver.Event e : p.receiver.events()) {
                    if (e.actionId() != null && e.type() != null) {
                        seen.add(e.actionId() + " " + e.type());
                    }
                }
                Set<String> m = new HashSet<>();
                expected.get(p).forEach((actionId, type) -> {
                    if (!seen.contains(actionId + " " + type)) {
                        m.add(type + " of " + actionId);
                    }
                });
                if (!m.isEmpty()) {
                    missing.put(p, m);
                }
            }
            if (missing.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(1000);
        }
        missing.forEach((p, m) -> v.problem(
                "webhooks",
                p + ": " + m.size() + " outcome(s) never delivered within " + WEBHOOKS.toSeconds() + " s, e.g. "
                        + first(m)));
        Thread.sleep(WEBHOOK_QUIET.toMillis());

        long deliveries = 0;
        long redeliveries = 0;
        long distinctEvents = 0;
        for (Partner p : partners) {
            Map<String, JsonNode> storedById = new HashMap<>();
            stored.get(p)
                    .values()
                    .forEach(a -> storedById.put(a.path("actionId").asText(), a));
            Map<String, Set<String>> idsByActionEvent = new TreeMap<>();
            Map<String, Set<String>> completedIdsByAction = new TreeMap<>();
            Map<String, Integer> copiesById = new HashMap<>();
            for (WebhookReceiver.Event e : p.receiver.events()) {
                deliveries++;
                WebhookReceiver.Received d = e.delivery();
                String body = new String(d.body(), StandardCharsets.UTF_8);
                if (e.id() == null) {
                    v.problem("webhooks", p + ": a delivery that is not an event envelope: " + abbreviate(body));
                    continue;
                }
                copiesById.merge(e.id(), 1, Integer::sum);
                if (!e.id().equals(d.header("X-SIR-Event-Id"))) {
                    v.problem(
                            "webhooks",
                            p + ": X-SIR-Event-Id " + d.header("X-SIR-Event-Id") + " but body id " + e.id());
                }
                String timestamp = d.header("X-SIR-Timestamp");
                String signature = d.header("X-SIR-Signature");
                if (timestamp == null
                        || signature == null
                        || !signature.equals(
                                "sha256=" + PartnerClient.hmacHex(p.webhookSecret, timestamp + "." + body))) {
                    v.problem("webhooks", p + ": a delivery of " + e.id() + " with a bad signature");
                }
                String actionId = e.actionId();
                if (actionId == null) {
                    v.problem("webhooks", p + ": event " + e.id() + " (" + e.type() + ") without data.actionId");
                    continue;
                }
                String attempt = e.data().path("attempt").asText("?");
                idsByActionEvent
                        .computeIfAbsent(actionId + " " + e.type() + " attempt " + attempt, k -> new HashSet<>())
                        .add(e.id());
                if ("action.completed".equals(e.type())) {
                    completedIdsByAction
                            .computeIfAbsent(actionId, k -> new HashSet<>())
                            .add(e.id());
                }
                String expectedType = expected.get(p).get(actionId);
                if (expectedType == null) {
                    v.problem(
                            "webhooks",
                            p + ": " + e.type() + " for " + actionId + ", which is not one of its final actions");
                } else if ("action.completed".equals(e.type()) && !"action.completed".equals(expectedType)) {
                    v.problem("webhooks", p + ": action.completed for " + actionId + ", which is stored FAILED");
                } else if ("action.completed".equals(e.type())) {
                    JsonNode a = storedById.get(actionId);
                    if (a != null
                            && a.path("tokensDistributed").asLong()
                                    != e.data().path("tokensDistributed").asLong()) {
                        v.problem(
                                "webhooks",
                                p + ": action.completed " + e.id() + " says "
                                        + e.data().path("tokensDistributed") + " tokens but " + actionId
                                        + " is stored with " + a.path("tokensDistributed"));
                    }
                }
            }
            distinctEvents += copiesById.size();
            redeliveries += copiesById.values().stream().mapToLong(n -> n - 1).sum();
            idsByActionEvent.forEach((k, ids) -> {
                if (ids.size() > 1) {
                    v.problem(
                            "event ids",
                            p + ": " + k + " was announced with " + ids.size() + " different event ids " + ids
                                    + " (one id per action, attempt and event type expected)");
                }
            });
            completedIdsByAction.forEach((actionId, ids) -> {
                if (ids.size() > 1) {
                    v.problem(
                            "event ids",
                            p + ": " + actionId + " completed under " + ids.size() + " different event ids " + ids);
                }
            });
        }
        Map<String, Long> stats = new LinkedHashMap<>();
        stats.put("deliveries", deliveries);
        stats.put("distinctEvents", distinctEvents);
        stats.put("redeliveriesOfSameId", redeliveries);
        return stats;
    }

    // ---- reads ------------------------------------------------------------------------------------------------

    /** Every action of the partner (optionally of one status), through the keyset pages. */
    private static List<JsonNode> listActions(Partner p, String status) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 1000; page++) {
            String path = "/v1/partner/actions?limit=100" + (status == null ? "" : "&status=" + status)
                    + (cursor == null ? "" : "&cursor=" + cursor);
            PartnerClient.Reply r = read(p, path);
            assertEquals(
                    200,
                    r.status(),
                    p + ": GET " + path + " answered " + r.raw().body());
            r.body().path("data").forEach(out::add);
            cursor = r.body().path("hasMore").asBoolean()
                    ? r.body().path("nextCursor").asText(null)
                    : null;
            if (cursor == null) {
                return out;
            }
        }
        throw new AssertionError(p + ": more than 1000 pages of actions");
    }

    /** A signed GET that rides out a moment of 429/5xx/network trouble (bounded: 30 s). */
    private static PartnerClient.Reply read(Partner p, String path) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            String trouble;
            try {
                PartnerClient.Reply r = p.client.send("GET", path, null, true);
                if (r.status() != 429 && r.status() < 500) {
                    return r;
                }
                trouble = r.status() + " " + r.raw().body();
            } catch (IOException e) {
                trouble = e.toString();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(p + ": GET " + path + " kept failing for 30 s: " + trouble);
            }
            Thread.sleep(1000);
        }
    }

    // ---- text -------------------------------------------------------------------------------------------------

    private static String brief(JsonNode a) {
        return a.path("actionId").asText() + " key " + a.path("idempotencyKey").asText() + " "
                + a.path("status").asText()
                + (a.hasNonNull("failureCode") ? " " + a.path("failureCode").asText() : "")
                + " tokens " + a.path("tokensDistributed").asLong();
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String oneLine = s.replaceAll("\\s+", " ");
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
    }

    private static String first(Set<String> values) {
        return values.stream().sorted().limit(5).toList().toString();
    }

    private static Map<String, Long> sum(Map<String, LongAdder> adders) {
        Map<String, Long> out = new HashMap<>();
        adders.forEach((k, a) -> out.put(k, a.sum()));
        return out;
    }
}
