package org.sirgiving.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sirgiving.e2e.HostileRequests.Auth;
import org.sirgiving.e2e.HostileRequests.Req;
import org.sirgiving.e2e.HostileRequests.Twist;

/**
 * Issue 13's fuzz suite: at least 10,000 generated malformed or hostile requests ({@link HostileRequests}) across every
 * public operation, through the local run's gateway, most of them correctly signed so that they reach validation.
 * Every answer must be prompt and the contract's (docs/partner-api.md section 9): no 5xx, none slower than 5 s, an
 * {@code X-Request-Id} on each, every error the JSON body {@code {statusCode, code, message, requestId}} with a code of
 * section 9's table for its status. Forged credentials and identifiers that cannot be stored are never accepted, a
 * replayed signed write is never accepted twice (section 3), and afterwards every pool and balance reconciles (section
 * 5): each pool's balance and totals equal its ledger, each user's balance equals their transactions, and the pool's
 * totalDistributed equals what its users earned.
 *
 * <p>The seed is printed; {@code -Dsir.fuzz.seed=N} replays the same requests, {@code -Dsir.fuzz.requests} and
 * {@code -Dsir.fuzz.concurrency} change the volume and the requests in flight.
 */
@ExtendWith(LocalRunExtension.class)
class HostileRequestsNeverBreakTheContractTest {
    static final int REQUESTS = Integer.getInteger("sir.fuzz.requests", 10_000);
    // 8 in flight: the two cores here also run five services, the broker, PostgreSQL and the gateway; at 12 the
    // queueing alone brought the slowest answers to the 5 s promise (4.9 s, then 5.2 and 6.2 s with the fifth service).
    static final int IN_FLIGHT = Integer.getInteger("sir.fuzz.concurrency", 8);
    static final long PROMPT_MILLIS = 5_000;
    /** Past the promise, so that a slow answer is still seen as slow, not as none; well short of the gateway's 30 s. */
    static final int GIVE_UP_MILLIS = 10_000;

    static final int RATE_LIMIT = 1_000_000;
    /** Operations whose exact replay answers the original's result by the contract (section 4: reversing twice). */
    static final Set<String> REPLAY_ANSWERS_ORIGINAL = Set.of("actions.reverse");

    private LocalRun run;
    private final HostileRequests.Fixture fx = new HostileRequests.Fixture();
    private final FuzzTally tally = new FuzzTally();
    private PartnerClient partnerA;
    private PartnerClient partnerB;
    private String userB;
    private String operator;
    private final Map<Twist, String> forgedUserJwt = new EnumMap<>(Twist.class);
    private final Map<Twist, String> forgedOperatorJwt = new EnumMap<>(Twist.class);
    private Map<Integer, Set<String>> contractCodes;

    @Test
    void tenThousandHostileRequestsGetPromptContractAnswersAndEveryLedgerStillReconciles(LocalRun localRun)
            throws Exception {
        run = localRun;
        long seed = Long.getLong("sir.fuzz.seed", new SecureRandom().nextLong());
        System.out.println("FUZZ seed=" + seed + " (replay: -Dsir.fuzz.seed=" + seed + ")");
        contractCodes = contractCodes(run.repo.resolve("docs/partner-api.md"));

        try (WebhookReceiver receiver = new WebhookReceiver()) {
            long setUpStarted = System.nanoTime();
            setUp(receiver);
            double setUpSeconds = (System.nanoTime() - setUpStarted) / 1e9;
            HostileRequests generator = new HostileRequests(new Random(seed), fx);
            List<Req> requests = new ArrayList<>();
            for (int n = 0; n < REQUESTS; n++) {
                requests.add(generator.next(n));
            }
            long started = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT);
            try {
                List<Future<?>> sent = new ArrayList<>();
                for (int n = 0; n < requests.size(); n++) {
                    int number = n;
                    sent.add(pool.submit(() -> {
                        exchange(requests.get(number), number);
                        return null;
                    }));
                }
                for (Future<?> f : sent) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            double seconds = (System.nanoTime() - started) / 1e9;

            long reconcileStarted = System.nanoTime();
            restoreVictim();
            List<String> reconciliation = reconcileUntilQuiet();
            double reconcileSeconds = (System.nanoTime() - reconcileStarted) / 1e9;

            String report = String.format(
                            Locale.ROOT,
                            "Fuzz run: seed %d, %d requests (%d generated, replays sent twice) over %d operations in"
                                    + " %.1f s, %d in flight (fixture %.1f s, reconciliation %.1f s)%n",
                            seed,
                            tally.requests(),
                            REQUESTS,
                            generator.ops.size(),
                            seconds,
                            IN_FLIGHT,
                            setUpSeconds,
                            reconcileSeconds)
                    + tally.countsReport()
                    + "Reconciliation: "
                    + String.join("; ", reconciliation)
                    + "\n"
                    + tally.violationsReport();
            System.out.println(report);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "fuzz-report.txt"), report);

            assertTrue(tally.requests() >= REQUESTS, "sent " + tally.requests());
            assertTrue(
                    tally.violations().isEmpty(),
                    "Hostile requests broke the contract (seed " + seed + "; -Dsir.fuzz.seed=" + seed
                            + " replays them):\n" + tally.violationsReport());
        }
    }

    // ---- the fixture: partner A (fuzzed), partner B (key management and operators' target) ------------------------

    private void setUp(WebhookReceiver receiver) throws Exception {
        String gateway = run.gateway();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String userA = run.token("fuzz-a-" + suffix, false);
        userB = run.token("fuzz-b-" + suffix, false);
        operator = run.token("fuzz-ops-" + suffix, true);
        fx.receiverUrl = receiver.url();

        partnerA = new PartnerClient(gateway, issueKey(userA, "fuzz A"));
        // B's first key only reads B's pool when the fuzzing is over: never among the keys the fuzzing manages.
        partnerB = new PartnerClient(gateway, issueKey(userB, "fuzz B reconciliation"));
        for (int i = 0; i < 3; i++) {
            fx.keyIdsB.add(issueKey(userB, "fuzz B " + i).path("id").asText());
        }
        fx.partnerA = configOf(partnerA).path("id").asText();
        fx.partnerB = configOf(partnerB).path("id").asText();
        fx.poolA = firstPool(partnerA);
        fx.poolB = firstPool(partnerB);

        // Partner A's limit out of the way: the fuzzing is about validation, not rate limits.
        PartnerClient.Reply raised = PartnerClient.withJwt(
                gateway,
                "PATCH",
                "/v1/admin/partners/" + fx.partnerA,
                operator,
                "{\"rateLimit\":" + RATE_LIMIT + ",\"reason\":\"fuzz suite\"}");
        assertEquals(200, raised.status(), raised.raw().body());
        for (String path : List.of(
                "/v1/partner/actions?limit=1",
                "/v1/partner/actions?limit=2",
                "/v1/partner/token-pools",
                "/v1/partner/webhooks",
                "/v1/partner/config")) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> String.valueOf(RATE_LIMIT)
                            .equals(partnerA.send("GET", path, null, true)
                                    .raw()
                                    .headers()
                                    .firstValue("X-RateLimit-Limit")
                                    .orElse("")));
        }

        for (int i = 0; i < 20; i++) {
            fx.rewardedUsers.add(String.format("fuzz-user-%02d", i));
        }
        for (int i = 0; i < 6; i++) {
            String body = "{\"idempotencyKey\":\"fixture-" + i + "\",\"actionType\":\"PURCHASE\",\"amount\":" + (10 + i)
                    + ",\"currency\":\"USD\",\"stakeholders\":[{\"stakeholderTypeCode\":\"CUSTOMER\",\"partnerUserId\":\""
                    + fx.rewardedUsers.get(i) + "\"}],\"autoCreateUsers\":true}";
            PartnerClient.Reply action = partnerA.send("POST", "/v1/partner/actions/submit", body, true);
            assertTrue(
                    action.status() == 200 || action.status() == 202,
                    action.raw().body());
            fx.actionIds.add(action.body().path("actionId").asText());
            fx.userIds.add(fx.rewardedUsers.get(i));
        }
        for (int i = 0; i < 2; i++) {
            PartnerClient.Reply d = partnerA.send(
                    "POST",
                    "/v1/partner/donations/create-link",
                    "{\"nonprofitSlug\":\"givedirectly\",\"amount\":2500,\"currency\":\"USD\",\"frequency\":\"once\","
                            + "\"provider\":\"stripe\",\"donorEmail\":\"fixture" + i + "@example.org\","
                            + "\"firstName\":\"Ada\",\"lastName\":\"Lovelace\"}",
                    false);
            assertEquals(201, d.status(), d.raw().body());
            fx.donationIds.add(d.body().path("partnerDonationId").asText());
        }
        PartnerClient.Reply user = partnerA.send(
                "POST",
                "/v1/partner/users",
                "{\"externalId\":\"fuzz-fixture-user\",\"email\":\"f@example.org\"}",
                true);
        assertEquals(201, user.status(), user.raw().body());
        fx.userIds.add("fuzz-fixture-user");
        for (int i = 0; i < 2; i++) {
            PartnerClient.Reply c = partnerA.send(
                    "POST",
                    "/v1/partner/campaigns",
                    "{\"name\":\"fixture " + i + "\",\"actionTypes\":[\"VOLUNTEER\"]}",
                    true);
            assertEquals(201, c.status(), c.raw().body());
            fx.campaignIds.add(c.body().path("id").asText());
        }
        for (int i = 0; i < 3; i++) {
            PartnerClient.Reply h = partnerA.send(
                    "POST",
                    "/v1/partner/webhooks",
                    "{\"url\":\"" + receiver.url() + "\",\"description\":\"fixture " + i
                            + "\",\"eventTypes\":[\"action.completed\"]}",
                    true);
            assertEquals(201, h.status(), h.raw().body());
            fx.webhookIds.add(h.body().path("id").asText());
        }
        PartnerClient.Reply test =
                partnerA.send("POST", "/v1/partner/webhooks/" + fx.webhookIds.get(0) + "/test", null, true);
        assertEquals(202, test.status(), test.raw().body());
        fx.deliveryIds.add(test.body().path("id").asText());
        for (int i = 0; i < 3; i++) {
            PartnerClient.Reply r = partnerA.send(
                    "POST",
                    "/v1/partner/token-pools/request",
                    "{\"amount\":" + (100 + i) + ",\"reason\":\"fixture\"}",
                    true);
            assertEquals(201, r.status(), r.raw().body());
            fx.allocationRequestIds.add(r.body().path("id").asText());
        }
        PartnerClient.Reply production = PartnerClient.withJwt(
                gateway,
                "POST",
                "/v1/partner/keys/production-request",
                userB,
                "{\"legalEntityName\":\"Fuzz B Ltd\",\"contactEmail\":\"b@example.org\",\"useCase\":\"fuzzing\","
                        + "\"expectedMonthlyVolume\":10,\"actionTypes\":[\"VOLUNTEER\"],\"stakeholderModel\":\"one\","
                        + "\"webhookUrl\":\"https://example.org/hooks\"}");
        assertEquals(201, production.status(), production.raw().body());
        fx.productionRequestIdsB.add(production.body().path("id").asText());

        forgeTokens(userB, forgedUserJwt);
        forgeTokens(operator, forgedOperatorJwt);
    }

    private JsonNode issueKey(String token, String name) throws Exception {
        PartnerClient.Reply issued = PartnerClient.withJwt(
                run.gateway(),
                "POST",
                "/v1/partner/keys",
                token,
                "{\"name\":\"" + name + "\",\"environment\":\"sandbox\",\"keyType\":\"standard\"}");
        assertEquals(201, issued.status(), issued.raw().body());
        return issued.body();
    }

    private static JsonNode configOf(PartnerClient p) throws Exception {
        PartnerClient.Reply config = p.send("GET", "/v1/partner/config", null, false);
        assertEquals(200, config.status(), config.raw().body());
        return config.body();
    }

    private static String firstPool(PartnerClient p) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> {
                            JsonNode pools = listOf(p.send("GET", "/v1/partner/token-pools", null, false));
                            return pools.size() > 0 ? pools.get(0).path("id").asText() : null;
                        },
                        id -> id != null);
    }

    /** A list answer: a bare array, or the {@code {data, …}} envelope. */
    private static JsonNode listOf(PartnerClient.Reply r) {
        return r.body().isArray() ? r.body() : r.body().path("data");
    }

    /** Each JWT twist, made once from a real token of the run (signed with its key where it must verify). */
    private void forgeTokens(String token, Map<Twist, String> out) throws Exception {
        ForgedJwt forge = new ForgedJwt(run.dir.resolve("jwt"));
        long now = Instant.now().getEpochSecond();
        String control =
                forge.resigned(token, c -> c.put("jti", UUID.randomUUID().toString()));
        PartnerClient.Reply me = PartnerClient.withJwt(run.gateway(), "GET", "/v1/partner/auth/me", control, null);
        assertEquals(
                200, me.status(), "a re-signed copy of a real token must verify, or the forged ones prove nothing");
        out.put(Twist.JWT_ALG_NONE, ForgedJwt.unsigned(token));
        out.put(Twist.JWT_FLIPPED_SIGNATURE, ForgedJwt.flippedSignature(token));
        out.put(Twist.JWT_HS256_WITH_PUBLIC_KEY, forge.hs256WithPublicKey(token));
        out.put(
                Twist.JWT_EXPIRED,
                forge.resigned(token, c -> c.put("iat", now - 7_200).put("exp", now - 3_600)));
        out.put(Twist.JWT_WRONG_ISSUER, forge.resigned(token, c -> c.put("iss", "https://identity.attacker.example")));
        out.put(Twist.JWT_WRONG_AUDIENCE, forge.resigned(token, c -> c.put("aud", "https://another-service.example")));
        out.put(
                Twist.JWT_ISSUED_IN_THE_FUTURE,
                forge.resigned(token, c -> c.put("iat", now + 3_600).put("exp", now + 7_200)));
        out.put(
                Twist.JWT_TEN_YEAR_LIFETIME,
                forge.resigned(token, c -> c.put("iat", now).put("exp", now + 10L * 365 * 24 * 3_600)));
        out.put(Twist.JWT_OVERSIZED, forge.resigned(token, c -> c.put("padding", "p".repeat(12_000))));
    }

    // ---- sending
    // -----------------------------------------------------------------------------------------------------

    private void exchange(Req r, int n) {
        byte[] wire = wire(r, n);
        boolean head = r.method.equals("HEAD");
        RawHttp.Response first = RawHttp.exchange("127.0.0.1", LocalRun.PORT_BASE, wire, head, GIVE_UP_MILLIS);
        check(r, first, wire);
        if (!r.replay) {
            return;
        }
        try {
            Thread.sleep(200L * (n % 5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        RawHttp.Response again = RawHttp.exchange("127.0.0.1", LocalRun.PORT_BASE, wire, head, GIVE_UP_MILLIS);
        check(r, again, wire);
        if (first.status() / 100 == 2 && again.status() / 100 == 2 && !REPLAY_ANSWERS_ORIGINAL.contains(r.op.name())) {
            tally.violation(
                    "a replayed signed write was accepted again (" + first.status() + " then " + again.status() + ")",
                    r.op.name(),
                    r.mutation(),
                    example(r, again, wire));
        }
    }

    /** The request's bytes: credentials added and signed now. */
    private byte[] wire(Req r, int n) {
        byte[] body = r.body;
        boolean chunked = r.headers.stream().anyMatch(h -> h[0].equals("__chunked__"));
        String auth = authLines(r, body, n);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (r.rawHead != null) {
            String head = r.rawHead.replace("{AUTH}", auth) + "\r\n";
            if (r.kind.equals("bare-lf")) {
                head = head.replace("\r\n", "\n");
            }
            out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
            if (chunked) {
                // Even without a body the chunked form ends with its last chunk, or the server waits for it.
                out.writeBytes(chunked(body == null ? new byte[0] : body));
            } else if (body != null) {
                out.writeBytes(body);
            }
            return out.toByteArray();
        }
        StringBuilder h = new StringBuilder();
        h.append(r.method).append(' ').append(r.target).append(" HTTP/1.1\r\n");
        h.append("Host: 127.0.0.1:").append(LocalRun.PORT_BASE).append("\r\n");
        h.append(auth);
        if (r.contentType != null) {
            h.append("Content-Type: ").append(r.contentType).append("\r\n");
        }
        for (String[] header : r.headers) {
            h.append(header[0]).append(": ").append(header[1]).append("\r\n");
        }
        if (body != null) {
            h.append("Content-Length: ").append(body.length).append("\r\n");
        }
        h.append("Connection: close\r\n\r\n");
        out.writeBytes(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    private static byte[] chunked(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int half = body.length / 2;
        for (int[] part : new int[][] {{0, half}, {half, body.length - half}}) {
            if (part[1] > 0) {
                out.writeBytes((Integer.toHexString(part[1]) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body, part[0], part[1]);
                out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    private String authLines(Req r, byte[] body, int n) {
        Twist t = r.twist;
        return switch (r.op.auth()) {
            case SECRET, SIGNED -> signedLines(r, body, n);
            case WIDGET ->
                switch (t) {
                    case NO_KEY -> "";
                    case SECRET_KEY_UNSIGNED -> line("X-Partner-Key", partnerA.secretKey, false);
                    default ->
                        line(
                                "X-Partner-Key",
                                presentedKey(t, false, n, partnerA.publicKey),
                                t == Twist.PADDED_HEADER_VALUES);
                };
            case USER_JWT, OPERATOR_JWT -> {
                boolean op = r.op.auth() == Auth.OPERATOR_JWT;
                String token = op ? operator : userB;
                yield switch (t) {
                    case JWT_MISSING -> "";
                    case JWT_GARBAGE -> line("Authorization", "Bearer not.a.jwt", false);
                    case JWT_EMPTY_BEARER -> line("Authorization", "Bearer ", false);
                    case JWT_BASIC_SCHEME ->
                        line(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString("ops:ops".getBytes(StandardCharsets.UTF_8)),
                                false);
                    case JWT_USER_ON_OPERATOR_ENDPOINT -> line("Authorization", "Bearer " + userB, false);
                    case NONE -> line("Authorization", "Bearer " + token, false);
                    default ->
                        line("Authorization", "Bearer " + (op ? forgedOperatorJwt : forgedUserJwt).get(t), false);
                };
            }
        };
    }

    private String signedLines(Req r, byte[] body, int n) {
        Twist t = r.twist;
        boolean secret = r.op.auth() == Auth.SECRET || n % 2 == 0;
        String key = secret ? partnerA.secretKey : partnerA.publicKey;
        if (t == Twist.PUBLIC_KEY_ON_WRITE) {
            key = partnerA.publicKey;
        } else if (t == Twist.OTHER_PARTNERS_KEY) {
            key = partnerB.publicKey;
        }
        key = presentedKey(t, secret, n, key);
        long now = Instant.now().getEpochSecond();
        String timestamp = switch (t) {
            case STALE_TIMESTAMP -> String.valueOf(now - 301 - n % 5_000);
            case FUTURE_TIMESTAMP -> String.valueOf(now + 301 + n % 5_000);
            case GARBAGE_TIMESTAMP -> "yesterday";
            case HUGE_TIMESTAMP -> "99999999999999999999999";
            case MILLISECOND_TIMESTAMP -> String.valueOf(now * 1_000);
            default -> String.valueOf(now);
        };
        byte[] signedBody = body == null ? new byte[0] : body;
        if (t == Twist.SIGNATURE_OVER_OTHER_BODY) {
            signedBody =
                    (new String(signedBody, StandardCharsets.ISO_8859_1) + " ").getBytes(StandardCharsets.ISO_8859_1);
        }
        String signedPath = t == Twist.SIGNATURE_OVER_OTHER_PATH ? "/v1/partner/config" : r.target;
        String secretForHmac = t == Twist.BAD_SIGNATURE ? "not-the-hmac-secret" : partnerA.hmacSecret;
        String signature = hmac(secretForHmac, timestamp + r.method + signedPath + sha256(signedBody));
        if (t == Twist.TRUNCATED_SIGNATURE) {
            signature = signature.substring(0, 32);
        } else if (t == Twist.UPPERCASE_SIGNATURE) {
            signature = signature.toUpperCase(Locale.ROOT);
        }
        boolean pad = t == Twist.PADDED_HEADER_VALUES;
        StringBuilder out = new StringBuilder();
        if (t != Twist.NO_KEY) {
            out.append(line("X-Partner-Key", key, pad));
        }
        if (t != Twist.NO_TIMESTAMP) {
            out.append(line("X-Timestamp", timestamp, pad));
        }
        if (t != Twist.NO_SIGNATURE) {
            out.append(line("X-Signature", signature, pad));
        }
        return out.toString();
    }

    private static String presentedKey(Twist t, boolean secret, int n, String key) {
        return switch (t) {
            case EMPTY_KEY -> "";
            case UNKNOWN_KEY ->
                (secret ? "sk_test_" : "pk_test_") + sha256(("unknown" + n).getBytes(StandardCharsets.UTF_8));
            case OVERSIZED_KEY -> (n % 2 == 0 ? "pk_" : "sk_") + "a".repeat(6_000);
            case MALFORMED_KEY -> {
                String[] malformed = {
                    "pk_",
                    "sk_",
                    "pk_test_ZZZZ",
                    "sk_live_" + "g".repeat(64),
                    "pk_test_" + "0".repeat(63),
                    "PK_TEST_" + "0".repeat(64),
                    "pk_prod_" + "0".repeat(64),
                    "sk_test_" + "0".repeat(64) + "0",
                    "pk_test_" + "\u00e9".repeat(64),
                    "Bearer pk_test_" + "0".repeat(64),
                    "pk_test_../../admin"
                };
                yield malformed[n % malformed.length];
            }
            default -> key;
        };
    }

    private static String line(String name, String value, boolean pad) {
        return name + ":" + (pad ? "   " + value + "  " : " " + value) + "\r\n";
    }

    // ---- checking one answer
    // ------------------------------------------------------------------------------------------

    private void check(Req r, RawHttp.Response a, byte[] wire) {
        String op = r.op.name();
        String example = example(r, a, wire);
        tally.count(op, r.family, a.status(), a.millis(), example);
        String mutation = r.mutation();
        if (a.failure() != null) {
            String failure = a.failure().startsWith("connection failed") ? "connection failed" : a.failure();
            tally.violation("no answer: " + failure, op, mutation, example);
            return;
        }
        if (a.status() >= 500) {
            tally.violation("5xx: " + a.status() + " " + codeOf(a), op, mutation, example);
        }
        if (a.millis() > PROMPT_MILLIS) {
            tally.violation("slower than 5 s", op, mutation, example);
        }
        String requestIdHeader = a.header("X-Request-Id");
        if (requestIdHeader == null || requestIdHeader.isBlank()) {
            tally.violation("no X-Request-Id header (" + a.status() + ")", op, mutation, example);
        }
        if (a.status() >= 400 && a.status() < 500 && !r.method.equals("HEAD")) {
            checkErrorBody(a, requestIdHeader, op, mutation, example);
        }
        if (r.incompleteJson) {
            String code = a.status() == 400 ? codeOf(a) : "";
            if (a.status() / 100 == 2 || (a.status() == 400 && !code.equals("INVALID_JSON"))) {
                tally.violation(
                        "a body that is not complete JSON got " + a.status() + (code.isEmpty() ? "" : " " + code)
                                + ", not 400 INVALID_JSON",
                        op,
                        mutation,
                        example);
            }
        }
        if (r.mustRefuse != null && a.status() / 100 == 2) {
            String why = r.mustRefuse.startsWith("identifier")
                    ? "an identifier with U+0000, an unpaired surrogate or a control character was accepted"
                    : r.mustRefuse + " was accepted";
            tally.violation(why + " (" + a.status() + ")", op, mutation, example);
        }
    }

    private void checkErrorBody(
            RawHttp.Response a, String requestIdHeader, String op, String mutation, String example) {
        JsonNode body = jsonObject(a.body());
        if (body == null) {
            tally.violation(
                    "error body is not the contract's JSON: " + a.status() + " " + a.header("Content-Type"),
                    op,
                    mutation,
                    example);
            return;
        }
        JsonNode statusCode = body.path("statusCode");
        if (!statusCode.isInt() || statusCode.asInt() != a.status()) {
            tally.violation("statusCode differs from the HTTP status " + a.status(), op, mutation, example);
        }
        String code = body.path("code").asText("");
        if (!contractCodes.getOrDefault(a.status(), Set.of()).contains(code)) {
            tally.violation(
                    "code not in docs/partner-api.md section 9 for HTTP " + a.status() + ": "
                            + (code.isEmpty() ? "(none)" : code),
                    op,
                    mutation,
                    example);
        }
        if (!body.path("message").isTextual() || body.path("message").asText().isBlank()) {
            tally.violation("error body without message (" + a.status() + " " + code + ")", op, mutation, example);
        }
        JsonNode requestId = body.path("requestId");
        if (!requestId.isTextual() || requestId.asText().isBlank()) {
            tally.violation("error body without requestId (" + a.status() + " " + code + ")", op, mutation, example);
        } else if (requestIdHeader != null && !requestIdHeader.equals(requestId.asText())) {
            tally.violation(
                    "requestId differs from X-Request-Id (" + a.status() + " " + code + ")", op, mutation, example);
        }
    }

    private static String codeOf(RawHttp.Response a) {
        JsonNode body = jsonObject(a.body());
        return body == null
                ? "(not JSON: " + a.header("Content-Type") + ")"
                : body.path("code").asText("(no code)");
    }

    private static JsonNode jsonObject(String text) {
        try {
            JsonNode n = PartnerClient.JSON.readTree(text);
            return n != null && n.isObject() ? n : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** One line: the request as sent (shortened) and what came back. */
    private static String example(Req r, RawHttp.Response a, byte[] wire) {
        String head = new String(wire, StandardCharsets.ISO_8859_1);
        int end = head.indexOf('\n');
        String requestLine = HostileRequests.describeLong(
                end < 0 ? head : head.substring(0, end).replace("\r", ""), 140);
        String body = r.body == null || r.body.length == 0
                ? ""
                : " body " + HostileRequests.describeLong(new String(r.body, StandardCharsets.UTF_8), 90);
        String answer = a.failure() != null
                ? a.failure()
                : a.status() + " " + HostileRequests.describeLong(a.body().replaceAll("\\s+", " "), 160);
        return "[" + r.mutation() + "] " + requestLine + body + " → " + answer + " (" + a.millis() + " ms)";
    }

    /** Section 9's table: HTTP status → its codes. */
    static Map<Integer, Set<String>> contractCodes(Path doc) throws Exception {
        String text = Files.readString(doc);
        int from = text.indexOf("## 9.");
        int to = text.indexOf("\n## ", from + 1);
        String section = text.substring(from, to < 0 ? text.length() : to);
        Map<Integer, Set<String>> codes = new HashMap<>();
        Matcher row = Pattern.compile("(?m)^\\|\\s*(\\d{3})\\s*\\|(.*)\\|\\s*$").matcher(section);
        while (row.find()) {
            Matcher code = Pattern.compile("`([A-Z][A-Z_]+)`").matcher(row.group(2));
            Set<String> set = codes.computeIfAbsent(Integer.parseInt(row.group(1)), k -> new HashSet<>());
            while (code.find()) {
                set.add(code.group(1));
            }
        }
        assertTrue(codes.containsKey(400) && codes.containsKey(429), "section 9's table was not found: " + codes);
        return codes;
    }

    // ---- afterwards: partner B as it was, then every ledger and balance --------------------------------------------

    /** Operators fuzzed partner B: reactivate it and lift its allowlist and limit, so its key can read its pool. */
    private void restoreVictim() throws Exception {
        PartnerClient.withJwt(
                run.gateway(),
                "POST",
                "/v1/admin/partners/" + fx.partnerB + "/reactivate",
                operator,
                "{\"reason\":\"fuzz suite: restore\"}");
        PartnerClient.Reply restored = PartnerClient.withJwt(
                run.gateway(),
                "PATCH",
                "/v1/admin/partners/" + fx.partnerB,
                operator,
                "{\"ipAllowlist\":[],\"rateLimit\":" + RATE_LIMIT + ",\"reason\":\"fuzz suite: restore\"}");
        assertEquals(200, restored.status(), restored.raw().body());
    }

    /** Rewards may still be in flight: reconcile until nothing is off, for up to 90 s; the last attempt's findings. */
    private List<String> reconcileUntilQuiet() throws Exception {
        long deadline = System.currentTimeMillis() + 90_000;
        List<String> summary = new ArrayList<>();
        List<String[]> problems = new ArrayList<>();
        do {
            summary.clear();
            problems.clear();
            reconcile("A", partnerA, summary, problems);
            reconcile("B", partnerB, summary, problems);
            if (problems.isEmpty()) {
                break;
            }
            Thread.sleep(3_000);
        } while (System.currentTimeMillis() < deadline);
        for (String[] p : problems) {
            tally.violation("reconciliation: " + p[0], "reconcile", p[1]);
        }
        return summary;
    }

    private void reconcile(String label, PartnerClient p, List<String> summary, List<String[]> problems)
            throws Exception {
        PartnerClient.Reply poolsReply = p.send("GET", "/v1/partner/token-pools", null, false);
        if (poolsReply.status() != 200) {
            problems.add(new String[] {
                "pools of partner " + label + " not readable", poolsReply.raw().body()
            });
            return;
        }
        long distributed = 0;
        for (JsonNode pool : listOf(poolsReply)) {
            String id = pool.path("id").asText();
            List<JsonNode> ledger =
                    pages(p, "/v1/partner/token-pools/" + HostileRequests.encode(id) + "/ledger", problems);
            if (ledger == null) {
                continue;
            }
            // The pool is read again after its ledger: a reward landing in between shows as a difference, retried.
            PartnerClient.Reply after =
                    p.send("GET", "/v1/partner/token-pools/" + HostileRequests.encode(id), null, false);
            JsonNode now = after.status() == 200 ? after.body() : pool;
            long sum = 0;
            long allocated = 0;
            long spent = 0;
            long newestId = Long.MIN_VALUE;
            long newestBalance = 0;
            for (JsonNode e : ledger) {
                long amount = e.path("amount").asLong();
                sum += amount;
                switch (e.path("type").asText()) {
                    case "ALLOCATION", "REFILL" -> allocated += amount;
                    case "REWARD", "REVERSAL" -> spent -= amount;
                    default -> {}
                }
                if (e.path("id").asLong() > newestId) {
                    newestId = e.path("id").asLong();
                    newestBalance = e.path("balanceAfter").asLong();
                }
            }
            String what = "pool " + id + " of partner " + label;
            long balance = now.path("balance").asLong();
            expect(problems, "a pool's balance differs from the sum of its ledger", what, balance, sum);
            expect(
                    problems,
                    "a pool's balance differs from its newest ledger entry's balanceAfter",
                    what,
                    balance,
                    ledger.isEmpty() ? 0 : newestBalance);
            expect(
                    problems,
                    "a pool's totalAllocated differs from its ALLOCATION and REFILL entries",
                    what,
                    now.path("totalAllocated").asLong(),
                    allocated);
            expect(
                    problems,
                    "a pool's totalDistributed differs from its REWARD and REVERSAL entries",
                    what,
                    now.path("totalDistributed").asLong(),
                    spent);
            distributed += now.path("totalDistributed").asLong();
            summary.add(String.format(
                    Locale.ROOT,
                    "%s: %d ledger entries, balance %d, allocated %d, distributed %d",
                    what,
                    ledger.size(),
                    balance,
                    now.path("totalAllocated").asLong(),
                    now.path("totalDistributed").asLong()));
        }
        List<JsonNode> users = pages(p, "/v1/partner/users", problems);
        if (users == null) {
            return;
        }
        long earned = 0;
        for (JsonNode user : users) {
            String externalId = user.path("externalId").asText();
            String path = "/v1/partner/users/" + HostileRequests.encode(externalId);
            String what = "user " + HostileRequests.describe(externalId) + " of partner " + label;
            PartnerClient.Reply balance = p.send("GET", path + "/balance", null, false);
            List<JsonNode> txns = pages(p, path + "/transactions", problems);
            if (balance.status() != 200 || txns == null) {
                problems.add(new String[] {
                    "a listed user's balance or transactions cannot be read by its externalId",
                    what + ": " + balance.status() + " " + balance.raw().body()
                });
                continue;
            }
            long total = 0;
            long rewarded = 0;
            long expired = 0;
            for (JsonNode t : txns) {
                long tokens = t.path("tokens").asLong();
                total += tokens;
                if (t.path("type").asText().equals("REWARD")
                        && t.path("status").asText().equals("COMPLETED")) {
                    rewarded += tokens;
                }
                if (t.path("type").asText().equals("EXPIRY")) {
                    expired -= tokens;
                }
            }
            JsonNode b = balance.body();
            expect(
                    problems,
                    "a user's available + pending differs from the sum of their transactions",
                    what,
                    b.path("available").asLong() + b.path("pending").asLong(),
                    total);
            expect(
                    problems,
                    "a user's lifetimeEarned differs from their completed REWARD transactions",
                    what,
                    b.path("lifetimeEarned").asLong(),
                    rewarded);
            expect(
                    problems,
                    "a user's expired differs from their EXPIRY transactions",
                    what,
                    b.path("expired").asLong(),
                    expired);
            earned += b.path("lifetimeEarned").asLong();
        }
        expect(
                problems,
                "the pools' totalDistributed differs from the sum of the users' lifetimeEarned",
                "partner " + label + " (" + users.size() + " users)",
                distributed,
                earned);
        summary.add("partner " + label + ": " + users.size() + " users, lifetimeEarned " + earned);
    }

    private static void expect(List<String[]> problems, String kind, String what, long actual, long expected) {
        if (actual != expected) {
            problems.add(new String[] {kind, what + ": " + actual + " ≠ " + expected});
        }
    }

    /** Every row of a paged list ({@code page}, {@code limit} ≤ 100, {@code {data, total}}); null when unreadable. */
    private static List<JsonNode> pages(PartnerClient p, String path, List<String[]> problems) throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        for (int page = 1; page <= 1_000; page++) {
            PartnerClient.Reply r = p.send("GET", path + "?page=" + page + "&limit=100", null, false);
            if (r.status() != 200) {
                problems.add(new String[] {
                    "a list cannot be read while reconciling",
                    path + ": " + r.status() + " " + r.raw().body()
                });
                return null;
            }
            JsonNode data = r.body().path("data");
            data.forEach(rows::add);
            if (data.size() < 100 || rows.size() >= r.body().path("total").asLong()) {
                break;
            }
        }
        return rows;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hmac(String key, String message) {
        try {
            return PartnerClient.hmacHex(key, message);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
