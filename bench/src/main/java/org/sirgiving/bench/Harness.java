package org.sirgiving.bench;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The load scenarios of {@code bench/run} against a running local suite (through its gateway), with the CPU time
 * of every process per 1,000 completed actions and resident memory at the end. Writes its part of the Markdown
 * report to {@code BENCH_OUT} (or stdout); progress goes to stderr. Every knob is an environment variable
 * (see bench/README.md); bench/run sets BENCH_GATEWAY, BENCH_TOKEN_CMD, SIR_LOCAL_DIR, BENCH_CLK_TCK and
 * BENCH_CEILING_TPS.
 *
 * <ul>
 *   <li>a. uncontended: 1 client, one request after the other.</li>
 *   <li>b. closed loop over many partners (each with its rate limit raised by an operator).</li>
 *   <li>c. closed loop against one partner at its ENTERPRISE limit.</li>
 *   <li>d. open loop at a fixed rate, latency from the intended send time, plus action → webhook latency.</li>
 * </ul>
 */
public final class Harness {
    // ---- knobs ----------------------------------------------------------------------------------------------
    private final String gateway = env("BENCH_GATEWAY", "http://127.0.0.1:38080");
    private final String tokenCmd = env("BENCH_TOKEN_CMD", "deploy/local/token");
    private final Path pidsDir = Path.of(env("SIR_LOCAL_DIR", ".local"), "pids");
    private final double seconds = envDouble("BENCH_SECONDS", 30);
    private final double warmupSeconds = envDouble("BENCH_WARMUP_SECONDS", 5);
    private final double rate = envDouble("BENCH_RATE", 250, 100_000);
    private final int partnerCount = envInt("BENCH_PARTNERS", 16);
    private final int clients = envInt("BENCH_CLIENTS", 64);
    private final int enterpriseClients = envInt("BENCH_ENTERPRISE_CLIENTS", 32);
    private final int uncontendedRequests = envInt("BENCH_UNCONTENDED_REQUESTS", 300);
    private final int uncontendedWarmup = envInt("BENCH_UNCONTENDED_WARMUP", 30);
    private final double webhookGrace = envDouble("BENCH_WEBHOOK_GRACE", 10);
    private final int partnerLimit = envInt("BENCH_PARTNER_LIMIT", 12_000);
    private final String enterpriseVia = env("BENCH_ENTERPRISE_VIA", "approve");
    private final int maxInFlight = envInt("BENCH_MAX_INFLIGHT", 200);
    private final int users = envInt("BENCH_USERS", 8);
    private final double pauseSeconds = envDouble("BENCH_PAUSE_SECONDS", 3);
    private final Set<String> scenarios = new HashSet<>(Arrays.asList(
            env("BENCH_SCENARIOS", "a b c d").toLowerCase(Locale.ROOT).split("[ ,]+")));
    private final Double ceilingTps = parseDouble(env("BENCH_CEILING_TPS", ""));
    private final ProcStats proc = new ProcStats(pidsDir, envInt("BENCH_CLK_TCK", 100));

    private static final int ENTERPRISE_LIMIT = 12_000;

    /** One measured scenario, as the report shows it. */
    private static final class Scenario {
        final String id;
        final String title;
        final String load;
        Recorder rec;
        double seconds; // the measured load (d: until the last submit answer)
        double cpuWindow; // the CPU window (d: including the webhook grace)
        Map<String, Long> cpuTicks = Map.of();
        double[] webhookMs; // d only: sorted, missing ones as +Infinity
        long webhookExpected;
        long webhookMissing;
        long webhookDeliveries;
        final List<String> notes = new ArrayList<>();

        Scenario(String id, String title, String load) {
            this.id = id;
            this.title = title;
            this.load = load;
        }
    }

    private final List<Scenario> results = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private String ops;
    private final AtomicLong seq = new AtomicLong();

    public static void main(String[] args) throws Exception {
        Harness h = new Harness();
        int rc = 0;
        try {
            h.run();
        } catch (Exception e) {
            rc = 1;
            h.notes.add("**The harness stopped early:** " + e);
            e.printStackTrace();
        }
        h.writeReport(System.getenv("BENCH_OUT"));
        System.exit(rc);
    }

    private void run() throws Exception {
        String runId = Long.toString(System.currentTimeMillis() / 1000, 36);
        log("gateway " + gateway + ", run " + runId);
        ops = token("ops-bench", true);

        boolean needMany = scenarios.contains("a") || scenarios.contains("b");
        List<Partner> many = needMany ? partners("bench-" + runId + "-m", partnerCount) : List.of();
        List<Partner> hooked = scenarios.contains("d") ? partners("bench-" + runId + "-w", partnerCount) : List.of();
        Partner enterprise =
                scenarios.contains("c") ? partners("bench-" + runId + "-e", 1).get(0) : null;

        // Raise the limits (operators), register the webhooks, wait for the sandbox pools.
        List<Partner> raised = new ArrayList<>(many);
        raised.addAll(hooked);
        for (Partner p : raised) {
            raiseLimit(p, partnerLimit);
        }
        String enterpriseHow = enterprise == null ? null : makeEnterprise(enterprise);
        WebhookSink sink = hooked.isEmpty() ? null : new WebhookSink();
        try {
            for (Partner p : hooked) {
                Partner.Reply r = p.send(
                        "POST",
                        "/v1/partner/webhooks",
                        "{\"url\":\"" + sink.url()
                                + "\",\"description\":\"bench\",\"eventTypes\":[\"action.completed\"]}");
                if (r.status() != 201) {
                    throw new IllegalStateException("webhook registration for " + p.partnerId + ": " + r);
                }
            }
            List<Partner> all = new ArrayList<>(raised);
            if (enterprise != null) {
                all.add(enterprise);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            for (Partner p : all) {
                awaitPool(p, deadline);
            }
            // The raised limits reach the services through the credentials topic: wait until they answer with them.
            int unconfirmed = 0;
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            for (Partner p : raised) {
                if (!awaitLimit(p, partnerLimit, deadline)) {
                    unconfirmed++;
                }
            }
            if (unconfirmed > 0) {
                notes.add(unconfirmed + " of " + raised.size() + " partners did not answer with X-RateLimit-Limit ≥ "
                        + partnerLimit + " within 30 s of the operator's change: expect 429s (counted in Answers).");
            }
            if (enterprise != null
                    && !awaitLimit(enterprise, ENTERPRISE_LIMIT, System.nanoTime() + TimeUnit.SECONDS.toNanos(30))) {
                notes.add("The ENTERPRISE partner did not answer with X-RateLimit-Limit ≥ 12000 within 30 s.");
            }

            if (scenarios.contains("a")) {
                uncontended(many.get(0));
                pause();
            }
            if (scenarios.contains("b")) {
                closed("b", "closed loop, " + many.size() + " partners", many, clients);
                pause();
            }
            if (scenarios.contains("c")) {
                Scenario c = closed("c", "closed loop, 1 ENTERPRISE partner", List.of(enterprise), enterpriseClients);
                c.notes.add(enterpriseHow);
                pause();
            }
            if (scenarios.contains("d")) {
                open(hooked, sink);
            }
        } finally {
            if (sink != null) {
                sink.close();
            }
        }
    }

    // ---- scenarios ------------------------------------------------------------------------------------------

    private void uncontended(Partner p) {
        Scenario s = new Scenario("a", "uncontended", "1 client, " + uncontendedRequests + " requests, 1 partner");
        log("a: " + uncontendedWarmup + " warm-up requests, then " + uncontendedRequests);
        for (int i = 0; i < uncontendedWarmup; i++) {
            submit(p);
        }
        Map<String, Long> before = proc.cpuTicks();
        long t0 = System.nanoTime();
        Recorder rec = new Recorder();
        for (int i = 0; i < uncontendedRequests; i++) {
            long start = System.nanoTime();
            Recorder.Outcome o = submit(p);
            rec.record(o, System.nanoTime() - start);
        }
        finish(s, rec, t0, before);
    }

    private Scenario closed(String id, String title, List<Partner> ps, int n) throws InterruptedException {
        Scenario s = new Scenario(
                id,
                title,
                n + " clients, " + fmt(seconds) + " s, " + ps.size() + " partner" + (ps.size() == 1 ? "" : "s"));
        log(id + ": " + fmt(warmupSeconds) + " s warm-up, then " + fmt(seconds) + " s with " + n + " clients over "
                + ps.size() + " partners");
        closedLoop(ps, n, warmupSeconds);
        Map<String, Long> before = proc.cpuTicks();
        long t0 = System.nanoTime();
        Recorder rec = closedLoop(ps, n, seconds);
        finish(s, rec, t0, before);
        return s;
    }

    private void open(List<Partner> ps, WebhookSink sink) throws InterruptedException {
        Scenario s = new Scenario(
                "d",
                "open loop at " + fmt(rate) + "/s",
                fmt(rate) + " requests/s scheduled, " + fmt(seconds) + " s, " + ps.size() + " partners, webhooks on");
        log("d: " + fmt(warmupSeconds) + " s warm-up, then " + fmt(seconds) + " s at " + fmt(rate) + "/s");
        openLoop(ps, warmupSeconds, null);
        Map<String, Long> intended = new ConcurrentHashMap<>();
        Map<String, Long> before = proc.cpuTicks();
        long t0 = System.nanoTime();
        Recorder rec = openLoop(ps, seconds, intended);
        double submitSeconds = (System.nanoTime() - t0) / 1e9;
        // Grace for the webhooks still on their way; the CPU window includes it (the dispatcher's work).
        long graceEnd = System.nanoTime() + (long) (webhookGrace * 1e9);
        while (System.nanoTime() < graceEnd && !sink.completedAt.keySet().containsAll(intended.keySet())) {
            sleep(200);
        }
        finish(s, rec, t0, before, submitSeconds);
        double[] ms = new double[intended.size()];
        int i = 0;
        long missing = 0;
        for (Map.Entry<String, Long> e : intended.entrySet()) {
            Long at = sink.completedAt.get(e.getKey());
            if (at == null) {
                missing++;
                ms[i++] = Double.POSITIVE_INFINITY;
            } else {
                ms[i++] = (at - e.getValue()) / 1e6;
            }
        }
        Arrays.sort(ms);
        s.webhookMs = ms;
        s.webhookExpected = intended.size();
        s.webhookMissing = missing;
        s.webhookDeliveries = sink.deliveries.sum();
        if (sink.duplicates.sum() > 0) {
            s.notes.add(sink.duplicates.sum()
                    + " duplicate action.completed deliveries (at-least-once; first one counted).");
        }
    }

    private void finish(Scenario s, Recorder rec, long t0, Map<String, Long> before) {
        finish(s, rec, t0, before, (System.nanoTime() - t0) / 1e9);
    }

    /** Ends a scenario's CPU window now; {@code loadSeconds} is how long the load itself ran. */
    private void finish(Scenario s, Recorder rec, long t0, Map<String, Long> before, double loadSeconds) {
        s.cpuWindow = (System.nanoTime() - t0) / 1e9;
        s.seconds = loadSeconds;
        Map<String, Long> after = proc.cpuTicks();
        Map<String, Long> delta = new LinkedHashMap<>();
        after.forEach((name, ticks) -> {
            if (before.containsKey(name)) {
                delta.put(name, Math.max(0, ticks - before.get(name)));
            }
        });
        s.cpuTicks = delta;
        s.rec = rec;
        results.add(s);
        double[] ms = rec.sortedMillis();
        log(String.format(
                Locale.ROOT,
                "%s: %d completed in %.1f s = %.1f/s; p50 %.1f ms, p99 %.1f ms; %s",
                s.id,
                rec.completed(),
                s.seconds,
                rec.completed() / s.seconds,
                Recorder.percentile(ms, 50),
                Recorder.percentile(ms, 99),
                rec.histogramText()));
    }

    // ---- load ---------------------------------------------------------------------------------------------------

    private Recorder.Outcome submit(Partner p) {
        try {
            return Recorder.Outcome.of(Partner.reply(Partner.HTTP.send(
                    p.submitRequest(seq.incrementAndGet(), users), HttpResponse.BodyHandlers.ofString())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Recorder.Outcome.failure(e);
        } catch (Exception e) {
            return Recorder.Outcome.failure(e);
        }
    }

    /** {@code n} clients, each sending its next request when its last answer arrived, until the time is up. */
    private Recorder closedLoop(List<Partner> ps, int n, double forSeconds) throws InterruptedException {
        Recorder rec = new Recorder();
        long end = System.nanoTime() + (long) (forSeconds * 1e9);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Partner p = ps.get(i % ps.size());
            Thread t = new Thread(
                    () -> {
                        while (System.nanoTime() < end
                                && !Thread.currentThread().isInterrupted()) {
                            long start = System.nanoTime();
                            Recorder.Outcome o = submit(p);
                            rec.record(o, System.nanoTime() - start);
                        }
                    },
                    "client-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        // A request times out after 30 s, so every client is done by then; interrupt whatever is not.
        long joinDeadline = end + TimeUnit.SECONDS.toNanos(45);
        for (Thread t : threads) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(joinDeadline - System.nanoTime())));
            if (t.isAlive()) {
                t.interrupt();
            }
        }
        return rec;
    }

    /**
     * Requests at fixed intended times ({@code rate}/s, round robin over the partners), sent asynchronously, never
     * waiting for an answer before the next send; each latency runs from the request's intended send time, so a
     * stalled client or server is charged in full (no coordinated omission). At most {@code maxInFlight} requests
     * are outstanding (the gateway's connections are finite): a request waiting for a slot is late, and its latency
     * says so. Actions answered 2xx (not FAILED) go into {@code intended} (actionId → intended send time).
     */
    private Recorder openLoop(List<Partner> ps, double forSeconds, Map<String, Long> intended)
            throws InterruptedException {
        Recorder rec = new Recorder();
        long n = Math.max(1, Math.round(rate * forSeconds));
        double period = 1e9 / rate;
        Semaphore slots = new Semaphore(Math.max(1, maxInFlight));
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        long hardStop = start + (long) (forSeconds * 1e9) + TimeUnit.SECONDS.toNanos(30);
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            final long at = start + (long) (i * period);
            long wait;
            while ((wait = at - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            if (!slots.tryAcquire(Math.max(0, hardStop - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                rec.unsent(n - i);
                break;
            }
            Partner p = ps.get((int) (i % ps.size()));
            HttpRequest request = p.submitRequest(seq.incrementAndGet(), users);
            pending.add(Partner.HTTP
                    .sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .handle((resp, err) -> {
                        long done = System.nanoTime();
                        slots.release();
                        Recorder.Outcome o =
                                err != null ? Recorder.Outcome.failure(err) : Recorder.Outcome.of(Partner.reply(resp));
                        rec.record(o, done - at);
                        if (intended != null
                                && o.actionId() != null
                                && o.status() / 100 == 2
                                && !"FAILED".equals(o.label())) {
                            intended.put(o.actionId(), at);
                        }
                        return null;
                    }));
        }
        try {
            CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0]))
                    .get(
                            Math.max(1, hardStop + TimeUnit.SECONDS.toNanos(35) - System.nanoTime()),
                            TimeUnit.NANOSECONDS);
        } catch (Exception e) {
            notes.add("open loop: not every answer arrived in time (" + e + ")");
        }
        return rec;
    }

    // ---- setup --------------------------------------------------------------------------------------------------

    private List<Partner> partners(String prefix, int n) throws Exception {
        log("creating " + n + " partner(s) " + prefix + "-*");
        List<Partner> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String subject = String.format(Locale.ROOT, "%s-%02d", prefix, i);
            out.add(Partner.create(gateway, subject, token(subject, false)));
        }
        return out;
    }

    private boolean raiseLimit(Partner p, int limit) throws Exception {
        Partner.Reply r = Partner.withJwt(
                gateway,
                "PATCH",
                "/v1/admin/partners/" + p.partnerId,
                ops,
                "{\"rateLimit\":" + limit + ",\"reason\":\"bench: load harness\"}");
        if (r.status() != 200) {
            notes.add("Raising the rate limit of " + p.partnerId + " to " + limit + "/min failed: " + r);
            return false;
        }
        return true;
    }

    /** ENTERPRISE by the real path (production request approved with tier ENTERPRISE), else rateLimit 12000. */
    private String makeEnterprise(Partner p) throws Exception {
        String how = null;
        if ("approve".equals(enterpriseVia)) {
            Partner.Reply req = Partner.withJwt(
                    gateway,
                    "POST",
                    "/v1/partner/keys/production-request",
                    p.jwt,
                    "{\"legalEntityName\":\"Bench Ltd\",\"contactEmail\":\"bench@example.org\",\"useCase\":\"Load benchmark\","
                            + "\"expectedMonthlyVolume\":1000000,\"actionTypes\":[\"PURCHASE\"],\"stakeholderModel\":\"the buyer\"}");
            Partner.Reply ok = req.status() == 201
                    ? Partner.withJwt(
                            gateway,
                            "POST",
                            "/v1/admin/partners/production-requests/" + req.text("id") + "/approve",
                            ops,
                            "{\"tier\":\"ENTERPRISE\",\"note\":\"bench: load harness\"}")
                    : req;
            if (ok.status() == 200) {
                how = "ENTERPRISE by production request + operator approval";
            } else {
                notes.add("ENTERPRISE approval failed (" + ok + "); used the operator's rate-limit PATCH instead.");
            }
        }
        if (how == null) {
            how = raiseLimit(p, ENTERPRISE_LIMIT)
                    ? "rateLimit " + ENTERPRISE_LIMIT + "/min set by the operator (PATCH)"
                    : "left at its default limit (raising failed)";
        }
        Partner.Reply info = Partner.withJwt(gateway, "GET", "/v1/partner/keys/partner-info", p.jwt, null);
        return how + "; partner-info: tier " + info.text("tier") + ", rateLimit " + info.text("rateLimit") + "/min";
    }

    private void awaitPool(Partner p, long deadline) throws Exception {
        while (true) {
            Partner.Reply r = p.send("GET", "/v1/partner/token-pools", null);
            if (r.status() == 200 && r.json().path("data").size() >= 1) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no sandbox pool for " + p.partnerId + " after 60 s: " + r);
            }
            sleep(500);
        }
    }

    /** Submits (unmeasured) until the partner's answers carry X-RateLimit-Limit ≥ target; false at the deadline. */
    private boolean awaitLimit(Partner p, int target, long deadline) {
        while (true) {
            Recorder.Outcome o = submit(p);
            if (o.rateLimit() >= target) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep(500);
        }
    }

    private String token(String subject, boolean operator) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(tokenCmd, subject));
        if (operator) {
            cmd.add("--operator");
        }
        Process proc = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!proc.waitFor(30, TimeUnit.SECONDS) || proc.exitValue() != 0 || out.isEmpty()) {
            proc.destroy();
            throw new IllegalStateException("token for " + subject + " failed (" + String.join(" ", cmd) + ")");
        }
        return out;
    }

    private void pause() {
        sleep((long) (pauseSeconds * 1000));
    }

    // ---- report -------------------------------------------------------------------------------------------------

    private void writeReport(String file) throws IOException {
        String md = report();
        if (file == null || file.isBlank()) {
            System.out.print(md);
        } else {
            Files.writeString(Path.of(file), md);
        }
    }

    String report() {
        StringBuilder sb = new StringBuilder();
        sb.append("## Scenarios\n\n");
        sb.append(String.format(
                Locale.ROOT,
                "Settings: BENCH_SECONDS=%s BENCH_WARMUP_SECONDS=%s BENCH_RATE=%s BENCH_PARTNERS=%d "
                        + "BENCH_CLIENTS=%d BENCH_ENTERPRISE_CLIENTS=%d BENCH_UNCONTENDED_REQUESTS=%d BENCH_PARTNER_LIMIT=%d "
                        + "BENCH_MAX_INFLIGHT=%d BENCH_USERS=%d BENCH_WEBHOOK_GRACE=%s.\n"
                        + "Latencies are over every answer (any status); closed loops time each request from its send, the open "
                        + "loop from its intended send time. Completed = HTTP 200 with `\"status\":\"COMPLETED\"`.\n\n",
                fmt(seconds),
                fmt(warmupSeconds),
                fmt(rate),
                partnerCount,
                clients,
                enterpriseClients,
                uncontendedRequests,
                partnerLimit,
                maxInFlight,
                users,
                fmt(webhookGrace)));
        sb.append(
                "| Scenario | Load | Measured | Completed | Completed/s | % of ceiling | p50 | p99 | max | Target | Result |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Scenario s : results) {
            double[] ms = s.rec.sortedMillis();
            double thr = s.rec.completed() / s.seconds;
            double p50 = Recorder.percentile(ms, 50);
            double p99 = Recorder.percentile(ms, 99);
            String target;
            boolean met;
            switch (s.id) {
                case "a" -> {
                    target = "p50 ≤ 15 ms";
                    met = p50 <= 15;
                }
                case "b" -> {
                    target = "≥ 500/s and ≥ 9 % of ceiling";
                    met = thr >= 500 && (ceilingTps == null || thr / ceilingTps * 100 >= 9);
                }
                case "c" -> {
                    target = "≥ 200/s";
                    met = thr >= 200;
                }
                default -> {
                    target = "submit p99 ≤ 100 ms";
                    met = p99 <= 100 && s.rec.unsent() == 0;
                }
            }
            sb.append(String.format(
                    Locale.ROOT,
                    "| %s. %s | %s | %.1f s | %d | %.1f | %s | %s | %s | %s | %s | %s |\n",
                    s.id,
                    s.title,
                    s.load,
                    s.seconds,
                    s.rec.completed(),
                    thr,
                    pctOfCeiling(thr),
                    ms(p50),
                    ms(p99),
                    ms(ms.length == 0 ? Double.NaN : ms[ms.length - 1]),
                    target,
                    met ? "met" : "**missed**"));
            if (s.webhookMs != null) {
                double w50 = Recorder.percentile(s.webhookMs, 50);
                double w99 = Recorder.percentile(s.webhookMs, 99);
                double wmax = s.webhookMs.length == 0 ? Double.NaN : s.webhookMs[s.webhookMs.length - 1];
                sb.append(String.format(
                        Locale.ROOT,
                        "| d. action → webhook | `action.completed`, %d expected, **%d missing** "
                                + "after %s s grace | | %d | | | %s | %s | %s | p99 ≤ 500 ms | %s |\n",
                        s.webhookExpected,
                        s.webhookMissing,
                        fmt(webhookGrace),
                        s.webhookExpected - s.webhookMissing,
                        ms(w50),
                        ms(w99),
                        ms(wmax),
                        w99 <= 500 && s.webhookExpected > 0 ? "met" : "**missed**"));
            }
        }
        sb.append("\nMissing webhooks count as infinitely late in the webhook percentiles (shown as \"missing\").\n\n");

        sb.append("### Answers\n\n");
        for (Scenario s : results) {
            sb.append("- **").append(s.id).append("**: ").append(s.rec.histogramText());
            sb.append("; highest X-RateLimit-Limit seen: ")
                    .append(s.rec.maxRateLimit())
                    .append("/min");
            if (s.webhookMs != null) {
                sb.append("; webhook deliveries received: ").append(s.webhookDeliveries);
            }
            for (String n : s.notes) {
                sb.append("; ").append(n);
            }
            sb.append('\n');
        }
        for (String n : notes) {
            sb.append("- ").append(n).append('\n');
        }

        sb.append("\n## CPU per 1,000 completed actions\n\n");
        sb.append("CPU seconds (utime + stime from /proc, clock tick 1/")
                .append(proc.clockTicks)
                .append(
                        " s) per 1,000 completed actions over the measured window, and in parentheses the average cores busy. ")
                .append(
                        "PostgreSQL = every `postgres` process summed (backends that ended inside the window are not counted); ")
                .append("gateway = nginx master + workers. Scenario d's window includes the webhook grace period.\n\n");
        sb.append("| Process |");
        results.forEach(
                s -> sb.append(' ').append(s.id).append(". ").append(s.title).append(" |"));
        sb.append("\n|---|");
        results.forEach(s -> sb.append("---|"));
        sb.append('\n');
        Set<String> names = new LinkedHashSet<>();
        results.forEach(s -> names.addAll(s.cpuTicks.keySet()));
        for (String name : names) {
            sb.append("| ").append(name).append(" |");
            for (Scenario s : results) {
                sb.append(' ')
                        .append(cpuCell(s, s.cpuTicks.getOrDefault(name, 0L)))
                        .append(" |");
            }
            sb.append('\n');
        }
        sb.append("| **the platform (all but the load generator)** |");
        for (Scenario s : results) {
            long sum = s.cpuTicks.entrySet().stream()
                    .filter(e -> !e.getKey().equals(ProcStats.SELF))
                    .mapToLong(Map.Entry::getValue)
                    .sum();
            sb.append(" **").append(cpuCell(s, sum)).append("** |");
        }
        sb.append("\n\n## Resident memory at the end (MiB)\n\n| Process | VmRSS |\n|---|---|\n");
        proc.rssKib().forEach((name, kib) -> sb.append(String.format(Locale.ROOT, "| %s | %d |\n", name, kib / 1024)));
        sb.append("\nPostgreSQL's sum counts shared memory once per process that touched it, so it overstates.\n");
        return sb.toString();
    }

    private String cpuCell(Scenario s, long ticks) {
        double cpu = ticks / (double) proc.clockTicks;
        long completed = s.rec.completed();
        String per = completed == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f s", cpu * 1000 / completed);
        return String.format(Locale.ROOT, "%s (%.2f)", per, s.cpuWindow > 0 ? cpu / s.cpuWindow : 0);
    }

    private String pctOfCeiling(double thr) {
        return ceilingTps == null || ceilingTps <= 0
                ? "n/a"
                : String.format(Locale.ROOT, "%.1f %%", thr / ceilingTps * 100);
    }

    static String ms(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return "missing";
        }
        return v < 10 ? String.format(Locale.ROOT, "%.1f ms", v) : String.format(Locale.ROOT, "%.0f ms", v);
    }

    // ---- small things -------------------------------------------------------------------------------------------

    private static void log(String s) {
        System.err.println("bench: " + s);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static String env(String name, String def) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? def : v.trim();
    }

    private static int envInt(String name, int def) {
        String v = env(name, "");
        if (v.isEmpty()) {
            return def;
        }
        int n = Integer.parseInt(v);
        if (n < 1) {
            throw new IllegalArgumentException(name + " must be ≥ 1, got " + v);
        }
        return n;
    }

    private static double envDouble(String name, double def) {
        return envDouble(name, def, 3600);
    }

    /** A positive number up to {@code max} (durations: at most an hour, so every loop ends). */
    private static double envDouble(String name, double def, double max) {
        String v = env(name, "");
        if (v.isEmpty()) {
            return def;
        }
        double d = Double.parseDouble(v);
        if (!(d > 0) || d > max) {
            throw new IllegalArgumentException(name + " must be in (0, " + fmt(max) + "], got " + v);
        }
        return d;
    }

    private static Double parseDouble(String s) {
        try {
            return s.isEmpty() ? null : Double.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Harness() {}
}
