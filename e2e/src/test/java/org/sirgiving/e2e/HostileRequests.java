package org.sirgiving.e2e;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The fuzz suite's generator: every public operation of the partner and operator APIs (deploy/routes.tsv, the services'
 * resources), each first built as a valid request and then broken in one way drawn from a seeded {@link Random} —
 * its body, query, path, method, headers, credentials, the bytes on the wire, or replayed as captured. The same seed
 * and fixture give the same requests (timestamps and signatures are made when a request is sent).
 */
final class HostileRequests {

    /** How an operation authenticates (docs/partner-api.md sections 2, 3 and 7). */
    enum Auth {
        /** HMAC-signed with the secret key. */
        SECRET,
        /** HMAC-signed; the publishable key is enough. */
        SIGNED,
        /** The publishable key alone. */
        WIDGET,
        USER_JWT,
        OPERATOR_JWT
    }

    /** What is done to the credentials when the request is sent; {@code forged} ones must never be accepted. */
    enum Twist {
        NONE(false),
        UPPERCASE_SIGNATURE(false),
        PADDED_HEADER_VALUES(false),
        BAD_SIGNATURE(true),
        SIGNATURE_OVER_OTHER_BODY(true),
        SIGNATURE_OVER_OTHER_PATH(true),
        TRUNCATED_SIGNATURE(true),
        NO_SIGNATURE(true),
        NO_TIMESTAMP(true),
        STALE_TIMESTAMP(true),
        FUTURE_TIMESTAMP(true),
        GARBAGE_TIMESTAMP(true),
        HUGE_TIMESTAMP(true),
        MILLISECOND_TIMESTAMP(true),
        NO_KEY(true),
        EMPTY_KEY(true),
        UNKNOWN_KEY(true),
        OVERSIZED_KEY(true),
        MALFORMED_KEY(true),
        OTHER_PARTNERS_KEY(true),
        PUBLIC_KEY_ON_WRITE(true),
        SECRET_KEY_UNSIGNED(true),
        JWT_MISSING(true),
        JWT_GARBAGE(true),
        JWT_EMPTY_BEARER(true),
        JWT_BASIC_SCHEME(true),
        JWT_ALG_NONE(true),
        JWT_FLIPPED_SIGNATURE(true),
        JWT_HS256_WITH_PUBLIC_KEY(true),
        JWT_EXPIRED(true),
        JWT_WRONG_ISSUER(true),
        JWT_WRONG_AUDIENCE(true),
        JWT_ISSUED_IN_THE_FUTURE(true),
        JWT_TEN_YEAR_LIFETIME(true),
        JWT_OVERSIZED(false),
        JWT_USER_ON_OPERATOR_ENDPOINT(true);

        final boolean forged;

        Twist(boolean forged) {
            this.forged = forged;
        }
    }

    static final List<Twist> SIGNED_TWISTS = List.of(
            Twist.UPPERCASE_SIGNATURE,
            Twist.PADDED_HEADER_VALUES,
            Twist.BAD_SIGNATURE,
            Twist.SIGNATURE_OVER_OTHER_BODY,
            Twist.SIGNATURE_OVER_OTHER_PATH,
            Twist.TRUNCATED_SIGNATURE,
            Twist.NO_SIGNATURE,
            Twist.NO_TIMESTAMP,
            Twist.STALE_TIMESTAMP,
            Twist.FUTURE_TIMESTAMP,
            Twist.GARBAGE_TIMESTAMP,
            Twist.HUGE_TIMESTAMP,
            Twist.MILLISECOND_TIMESTAMP,
            Twist.NO_KEY,
            Twist.EMPTY_KEY,
            Twist.UNKNOWN_KEY,
            Twist.OVERSIZED_KEY,
            Twist.MALFORMED_KEY,
            Twist.OTHER_PARTNERS_KEY);
    static final List<Twist> WIDGET_TWISTS = List.of(
            Twist.PADDED_HEADER_VALUES,
            Twist.NO_KEY,
            Twist.EMPTY_KEY,
            Twist.UNKNOWN_KEY,
            Twist.OVERSIZED_KEY,
            Twist.MALFORMED_KEY,
            Twist.SECRET_KEY_UNSIGNED);
    static final List<Twist> JWT_TWISTS = List.of(
            Twist.JWT_MISSING,
            Twist.JWT_GARBAGE,
            Twist.JWT_EMPTY_BEARER,
            Twist.JWT_BASIC_SCHEME,
            Twist.JWT_ALG_NONE,
            Twist.JWT_FLIPPED_SIGNATURE,
            Twist.JWT_HS256_WITH_PUBLIC_KEY,
            Twist.JWT_EXPIRED,
            Twist.JWT_WRONG_ISSUER,
            Twist.JWT_WRONG_AUDIENCE,
            Twist.JWT_ISSUED_IN_THE_FUTURE,
            Twist.JWT_TEN_YEAR_LIFETIME,
            Twist.JWT_OVERSIZED);

    /** One request as generated. The credentials are added (and signed) when it is sent. */
    static final class Req {
        final Op op;
        String family = "valid";
        String kind = "valid";
        String method;
        /** Path and query exactly as sent (and signed). */
        String target;
        /** Null: no body and no Content-Length. */
        byte[] body;

        String contentType;
        Twist twist = Twist.NONE;
        final List<String[]> headers = new ArrayList<>();
        /** Non-null: why this request must not be accepted (2xx). */
        String mustRefuse;
        /** The body is not complete JSON: issue 12, item 6 wants 400 INVALID_JSON whatever it is cut off in. */
        boolean incompleteJson;
        /** Sent twice, byte for byte: a captured request replayed. */
        boolean replay;
        /**
         * Non-null: the request head written as is (ISO-8859-1 chars as bytes), with {@code {AUTH}} where the
         * credential header lines go and without the blank line that ends the head.
         */
        String rawHead;

        Req(Op op) {
            this.op = op;
        }

        String mutation() {
            return family + ":" + kind;
        }
    }

    /** A valid body for an operation (the running request number keeps creates apart). */
    interface BodyMaker extends BiFunction<Random, Integer, ObjectNode> {}

    /** A query parameter: its kind picks the hostile values tried; {@code valid} makes a good value. */
    record Param(String name, ParamKind kind, Supplier<String> valid) {}

    enum ParamKind {
        PAGE,
        LIMIT,
        DATE,
        ENUM,
        CURSOR,
        TEXT
    }

    /** One public operation. {@code ids}: the valid values of its {@code {id}} path segment (null: none). */
    record Op(
            String name,
            String method,
            String path,
            Auth auth,
            boolean mutating,
            BodyMaker body,
            List<Param> params,
            Supplier<List<String>> ids) {
        boolean signed() {
            return auth == Auth.SECRET || auth == Auth.SIGNED;
        }

        boolean jwt() {
            return auth == Auth.USER_JWT || auth == Auth.OPERATOR_JWT;
        }
    }

    /** What the local run holds for the fuzz partner A and the victim partner B; filled in by the test. */
    static final class Fixture {
        String receiverUrl;
        String partnerA;
        String partnerB;
        String poolA;
        String poolB;
        final List<String> actionIds = new ArrayList<>();
        final List<String> userIds = new ArrayList<>();
        final List<String> campaignIds = new ArrayList<>();
        final List<String> webhookIds = new ArrayList<>();
        final List<String> deliveryIds = new ArrayList<>();
        final List<String> allocationRequestIds = new ArrayList<>();
        final List<String> keyIdsB = new ArrayList<>();
        final List<String> productionRequestIdsB = new ArrayList<>();
        /** A's sandbox donations (create-link). */
        final List<String> donationIds = new ArrayList<>();
        /** A's users that valid actions credit: few, so that reconciling every user stays cheap. */
        final List<String> rewardedUsers = new ArrayList<>();
    }

    // ---- hostile values ---------------------------------------------------------------------------------------------

    static final String[] ODD_STRINGS = {
        "",
        " ",
        "\u0000",
        "a\u0000b",
        "\ud800",
        "\ud800col",
        "\udbffcol",
        "\udc00x",
        "x\ud800\ud800y",
        "\u202eevil\u202c.txt",
        "\u200f\u05e9\u05dc\u05d5\u05dd",
        "😀🎉",
        "👨‍👩‍👧‍👦",
        "e\u0301\u0301\u0301\u0301",
        "\ufeffbom",
        "\u0001\u001b[31mred",
        "line\nbreak",
        "tab\there",
        "del\u007f",
        "\u2028\u2029",
        "\uffff\ufffe",
        "\u00a0",
        "null",
        "undefined",
        "../../etc/passwd",
        "..\\..\\windows",
        "' OR '1'='1' --",
        "\"; DROP TABLE users; --",
        "${jndi:ldap://127.0.0.1:1/a}",
        "{{7*7}}",
        "<script>alert(1)</script>",
        "%00",
        "%s%s%s%n",
        "\\u0000",
        "日本語のテキスト",
        "\u0661\u0662\u0663",
        "Ⅻ",
        "ß".repeat(300),
        "a".repeat(256),
        "a".repeat(2_049),
        "😀".repeat(3_000),
        "x".repeat(60_000),
        "x".repeat(100_000),
        "é".repeat(40_000)
    };

    static final String[] HUGE_NUMBERS = {
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775809",
        "2147483648",
        "-2147483649",
        "1e308",
        "1e400",
        "-1e400",
        "99999999999999999999999999999999999999",
        "0.000000000000000000001",
        "-0",
        "-1",
        "-0.01",
        "0.001",
        "4.9e-324",
        "1E+2",
        "10000000000000",
        "9999999999999.99",
        "123456789012345.678"
    };

    static final String[] ODD_NUMBERS_IN_QUERY = {
        "2147483647",
        "2147483648",
        "-2147483648",
        "9223372036854775808",
        "99999999999999999999",
        "-1",
        "0",
        "1e3",
        "1.5",
        " 1",
        "+1",
        "0x10",
        "abc",
        "",
        "\uff11\uff12",
        "\u0661",
        "NaN",
        "null",
        "[]",
        "1;DROP TABLE x"
    };

    static final String[] ODD_DATES = {
        "+999999999-12-31",
        "-999999999-01-01",
        "+999999999-12-31T23:59:59Z",
        "+999999999-12-31T23:59:59.999999999Z",
        "-999999999-01-01T00:00:00Z",
        "+10000-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999999Z",
        "0000-01-01",
        "0000-00-00",
        "-0001-01-01T00:00:00Z",
        "2026-02-30",
        "2026-13-45",
        "1970-01-01T00:00:00Z",
        "2026-05-10T00:00:00+25:00",
        "2026-05-10T00:00:00+14:00",
        "2026-05-10T24:00:00Z",
        "294277-01-01T00:00:00Z",
        "-4713-11-24T00:00:00Z",
        "now",
        "",
        "1e10",
        "2026-05-10T00:00:00Z".repeat(200)
    };

    static final String[] ODD_ENUMS = {
        "completed", "COMPLETED ", "\u00c7OMPLETED", "\u0000", "' OR 1=1 --", "PENDING,FAILED", "*", "X".repeat(5_000)
    };

    /** Query text put in verbatim: broken percent-encoding, separators, duplicates. */
    static final String[] RAW_QUERY_PARTS = {
        "page=1&page=2",
        "limit=5&limit=-1",
        "page",
        "&&&",
        "=",
        "=1",
        "a=%zz",
        "%=%",
        "%",
        "page=%00",
        "page=1%00",
        "limit=%2B1",
        "page[]=1",
        "__proto__[polluted]=1",
        "page=1;limit=2",
        "x=" + "y".repeat(6_000),
        "from=%2B999999999-12-31",
        "to=%2B999999999-12-31T23:59:59Z",
        "cursor=%ff%fe",
        "status=%c0%80"
    };

    static final String[] ODD_IDS_ENCODED = {
        "%00",
        "a%00b",
        "%2e%2e",
        "..%2f..%2fq%2fhealth",
        "%2F",
        "%ED%A0%80col",
        "%FF",
        "%C0%80",
        "%F0%9F%98%80",
        "%E2%80%AEevil",
        "null",
        "undefined",
        "-1",
        "0",
        "99999999999999999999999",
        "%27%20OR%20%271%27%3D%271",
        "%24%7Bjndi%3Aldap%3A%2F%2F127.0.0.1%3A1%2Fa%7D",
        "%25",
        "%",
        "%zz",
        "%20",
        ";",
        "a;b=c",
        "x".repeat(2_000),
        "x".repeat(10_000),
        "pool_000000000000000000000000",
        "act_000000000000000000000000",
        "key_ffffffffffffffffffffffff",
        "whk_000000000000000000000000"
    };

    static final String[] CONTENT_TYPES = {
        null,
        "text/plain",
        "application/xml",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/json; charset=iso-8859-1",
        "application/json; charset=utf-16",
        "application/json;;;",
        "*/*",
        "application/vnd.api+json",
        "APPLICATION/JSON",
        "application/javascript",
        "json",
        "application/json; " + "p=v; ".repeat(300)
    };

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Writes every non-ASCII char as a \\u escape: lone surrogates reach the server exactly as written. */
    static final JsonMapper ESCAPING =
            JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    static final JsonMapper PLAIN = JsonMapper.builder().build();
    private static final String INVALID_UTF8_MARK = "@@INVALID-UTF8@@";
    private static final String DEEP_MARK = "@@DEEP@@";

    /** Fields that are identifiers: malformed Unicode or control characters in them must be refused (issue 13, item 3). */
    static final List<String> IDENTIFIER_FIELDS = List.of("externalId", "partnerUserId", "idempotencyKey");
    /** Where the issue found them stored or aliased: a user's id, an action's stakeholders and key. */
    static final List<String> IDENTIFIER_OPS = List.of("actions.submit", "users.create", "donations.createLink");

    private final Random rnd;
    private final Fixture fx;
    final List<Op> ops;

    HostileRequests(Random rnd, Fixture fx) {
        this.rnd = rnd;
        this.fx = fx;
        this.ops = operations();
    }

    // ---- the operations -------------------------------------------------------------------------------------------

    private List<Op> operations() {
        List<Op> o = new ArrayList<>();
        Param page = new Param("page", ParamKind.PAGE, () -> String.valueOf(1 + rnd.nextInt(3)));
        Param limit = new Param("limit", ParamKind.LIMIT, () -> String.valueOf(1 + rnd.nextInt(100)));
        List<Param> paging = List.of(page, limit);
        Supplier<List<String>> keyIds = () -> fx.keyIdsB;
        Supplier<List<String>> users = () -> fx.userIds;
        Supplier<List<String>> actions = () -> fx.actionIds;
        Supplier<List<String>> campaigns = () -> fx.campaignIds;
        Supplier<List<String>> webhooks = () -> fx.webhookIds;
        Supplier<List<String>> partnerB = () -> List.of(fx.partnerB);

        // keys-service: key management (user JWT), the widget's config, operators
        o.add(new Op("keys.create", "POST", "/v1/partner/keys", Auth.USER_JWT, true, this::keyBody, List.of(), null));
        o.add(new Op("keys.list", "GET", "/v1/partner/keys", Auth.USER_JWT, false, null, List.of(), null));
        o.add(new Op(
                "keys.partner-info",
                "GET",
                "/v1/partner/keys/partner-info",
                Auth.USER_JWT,
                false,
                null,
                List.of(),
                null));
        o.add(new Op(
                "keys.production-request.create",
                "POST",
                "/v1/partner/keys/production-request",
                Auth.USER_JWT,
                true,
                this::productionRequestBody,
                List.of(),
                null));
        o.add(new Op(
                "keys.production-request.list",
                "GET",
                "/v1/partner/keys/production-request",
                Auth.USER_JWT,
                false,
                null,
                List.of(),
                null));
        o.add(new Op("keys.get", "GET", "/v1/partner/keys/{id}", Auth.USER_JWT, false, null, List.of(), keyIds));
        o.add(new Op(
                "keys.update",
                "PATCH",
                "/v1/partner/keys/{id}",
                Auth.USER_JWT,
                true,
                this::keyPatch,
                List.of(),
                keyIds));
        o.add(new Op("keys.revoke", "DELETE", "/v1/partner/keys/{id}", Auth.USER_JWT, true, null, List.of(), keyIds));
        o.add(new Op("auth.me", "GET", "/v1/partner/auth/me", Auth.USER_JWT, false, null, List.of(), null));
        o.add(new Op("config", "GET", "/v1/partner/config", Auth.WIDGET, false, null, List.of(), null));

        // actions-service
        o.add(new Op(
                "actions.submit",
                "POST",
                "/v1/partner/actions/submit",
                Auth.SECRET,
                true,
                this::actionBody,
                List.of(),
                null));
        o.add(new Op("actions.get", "GET", "/v1/partner/actions/{id}", Auth.SIGNED, false, null, List.of(), actions));
        o.add(new Op(
                "actions.list",
                "GET",
                "/v1/partner/actions",
                Auth.SIGNED,
                false,
                null,
                List.of(
                        new Param("status", ParamKind.ENUM, () -> pick("COMPLETED", "PENDING", "FAILED", "REVERSED")),
                        new Param("actionType", ParamKind.ENUM, () -> pick("PURCHASE", "DONATION", "VOLUNTEER")),
                        new Param("from", ParamKind.DATE, () -> "2020-01-01T00:00:00Z"),
                        new Param("to", ParamKind.DATE, () -> "2099-01-01T00:00:00Z"),
                        new Param("cursor", ParamKind.CURSOR, () -> cursor("2026-01-01T00:00:00Z|act_x")),
                        limit),
                null));
        o.add(new Op(
                "actions.reverse",
                "POST",
                "/v1/partner/actions/{id}/reverse",
                Auth.SECRET,
                true,
                (r, n) -> obj().put("reason", "fuzz reversal " + n).put("idempotencyKey", "rev-" + n),
                List.of(),
                actions));

        // rewards-service: users, pools, campaigns, dashboard
        o.add(new Op("users.list", "GET", "/v1/partner/users", Auth.SIGNED, false, null, paging, null));
        o.add(new Op("users.create", "POST", "/v1/partner/users", Auth.SECRET, true, this::userBody, List.of(), null));
        o.add(new Op("users.get", "GET", "/v1/partner/users/{id}", Auth.SIGNED, false, null, List.of(), users));
        o.add(new Op(
                "users.update",
                "PATCH",
                "/v1/partner/users/{id}",
                Auth.SECRET,
                true,
                this::userPatch,
                List.of(),
                users));
        o.add(new Op(
                "users.balance", "GET", "/v1/partner/users/{id}/balance", Auth.SIGNED, false, null, List.of(), users));
        o.add(new Op(
                "users.transactions",
                "GET",
                "/v1/partner/users/{id}/transactions",
                Auth.SIGNED,
                false,
                null,
                paging,
                users));
        o.add(new Op("pools.list", "GET", "/v1/partner/token-pools", Auth.SIGNED, false, null, List.of(), null));
        o.add(new Op(
                "pools.get",
                "GET",
                "/v1/partner/token-pools/{id}",
                Auth.SIGNED,
                false,
                null,
                List.of(),
                () -> List.of(fx.poolA)));
        o.add(new Op(
                "pools.ledger",
                "GET",
                "/v1/partner/token-pools/{id}/ledger",
                Auth.SIGNED,
                false,
                null,
                paging,
                () -> List.of(fx.poolA)));
        o.add(new Op(
                "pools.request",
                "POST",
                "/v1/partner/token-pools/request",
                Auth.SECRET,
                true,
                (r, n) -> obj().put("amount", 1 + r.nextInt(5_000)).put("reason", "fuzz " + n),
                List.of(),
                null));
        o.add(new Op(
                "pools.requests", "GET", "/v1/partner/token-pools/requests", Auth.SIGNED, false, null, paging, null));
        o.add(new Op(
                "campaigns.list",
                "GET",
                "/v1/partner/campaigns",
                Auth.SIGNED,
                false,
                null,
                List.of(
                        new Param("status", ParamKind.ENUM, () -> pick("DRAFT", "ACTIVE", "PAUSED", "ENDED")),
                        page,
                        limit),
                null));
        o.add(new Op(
                "campaigns.create",
                "POST",
                "/v1/partner/campaigns",
                Auth.SECRET,
                true,
                this::campaignBody,
                List.of(),
                null));
        o.add(new Op(
                "campaigns.get", "GET", "/v1/partner/campaigns/{id}", Auth.SIGNED, false, null, List.of(), campaigns));
        o.add(new Op(
                "campaigns.update",
                "PATCH",
                "/v1/partner/campaigns/{id}",
                Auth.SECRET,
                true,
                this::campaignPatch,
                List.of(),
                campaigns));
        o.add(new Op(
                "campaigns.delete",
                "DELETE",
                "/v1/partner/campaigns/{id}",
                Auth.SECRET,
                true,
                null,
                List.of(),
                campaigns));
        o.add(new Op(
                "dashboard",
                "GET",
                "/v1/partner/dashboard",
                Auth.SIGNED,
                false,
                null,
                List.of(
                        new Param("from", ParamKind.DATE, () -> pick("2026-01-01", "2025-06-01T00:00:00Z")),
                        new Param("to", ParamKind.DATE, () -> pick("2099-12-31", "2030-01-01T00:00:00Z"))),
                null));

        // webhook-dispatcher
        o.add(new Op(
                "webhooks.create",
                "POST",
                "/v1/partner/webhooks",
                Auth.SECRET,
                true,
                this::webhookBody,
                List.of(),
                null));
        o.add(new Op("webhooks.list", "GET", "/v1/partner/webhooks", Auth.SIGNED, false, null, List.of(), null));
        o.add(new Op(
                "webhooks.get", "GET", "/v1/partner/webhooks/{id}", Auth.SIGNED, false, null, List.of(), webhooks));
        o.add(new Op(
                "webhooks.update",
                "PATCH",
                "/v1/partner/webhooks/{id}",
                Auth.SECRET,
                true,
                this::webhookPatch,
                List.of(),
                webhooks));
        o.add(new Op(
                "webhooks.delete",
                "DELETE",
                "/v1/partner/webhooks/{id}",
                Auth.SECRET,
                true,
                null,
                List.of(),
                webhooks));
        o.add(new Op(
                "webhooks.rotate-secret",
                "POST",
                "/v1/partner/webhooks/{id}/rotate-secret",
                Auth.SECRET,
                true,
                null,
                List.of(),
                webhooks));
        o.add(new Op(
                "webhooks.test",
                "POST",
                "/v1/partner/webhooks/{id}/test",
                Auth.SECRET,
                true,
                null,
                List.of(),
                webhooks));
        o.add(new Op(
                "webhooks.deliveries",
                "GET",
                "/v1/partner/webhooks/{id}/deliveries",
                Auth.SIGNED,
                false,
                null,
                paging,
                webhooks));
        o.add(new Op(
                "webhooks.redeliver",
                "POST",
                "/v1/partner/webhooks/deliveries/{id}/redeliver",
                Auth.SECRET,
                true,
                null,
                List.of(),
                () -> fx.deliveryIds));

        // operators (JWT with the operator group): keys-service's partners, rewards-service's pools and DLQs
        o.add(new Op(
                "admin.partners.list", "GET", "/v1/admin/partners", Auth.OPERATOR_JWT, false, null, List.of(), null));
        o.add(new Op(
                "admin.production-requests.list",
                "GET",
                "/v1/admin/partners/production-requests",
                Auth.OPERATOR_JWT,
                false,
                null,
                List.of(new Param("status", ParamKind.ENUM, () -> pick("PENDING", "APPROVED", "REJECTED"))),
                null));
        o.add(new Op(
                "admin.production-requests.approve",
                "POST",
                "/v1/admin/partners/production-requests/{id}/approve",
                Auth.OPERATOR_JWT,
                true,
                (r, n) -> obj().put("tier", pick("STANDARD", "PROFESSIONAL", "ENTERPRISE"))
                        .put("rateLimit", 600)
                        .put("note", "fuzz"),
                List.of(),
                () -> fx.productionRequestIdsB));
        o.add(new Op(
                "admin.production-requests.reject",
                "POST",
                "/v1/admin/partners/production-requests/{id}/reject",
                Auth.OPERATOR_JWT,
                true,
                (r, n) -> obj().put("reason", "fuzz rejection"),
                List.of(),
                () -> fx.productionRequestIdsB));
        o.add(new Op(
                "admin.partners.suspend",
                "POST",
                "/v1/admin/partners/{id}/suspend",
                Auth.OPERATOR_JWT,
                true,
                (r, n) -> obj().put("reason", "fuzz suspension"),
                List.of(),
                partnerB));
        o.add(new Op(
                "admin.partners.reactivate",
                "POST",
                "/v1/admin/partners/{id}/reactivate",
                Auth.OPERATOR_JWT,
                true,
                (r, n) -> obj().put("reason", "fuzz reactivation"),
                List.of(),
                partnerB));
        o.add(new Op(
                "admin.partners.settings",
                "PATCH",
                "/v1/admin/partners/{id}",
                Auth.OPERATOR_JWT,
                true,
                this::settingsBody,
                List.of(),
                partnerB));
        o.add(new Op(
                "admin.partners.decisions",
                "GET",
                "/v1/admin/partners/{id}/decisions",
                Auth.OPERATOR_JWT,
                false,
                null,
                List.of(),
                () -> List.of(fx.partnerA, fx.partnerB)));
        o.add(new Op(
                "admin.pools.list",
                "GET",
                "/v1/admin/token-pools",
                Auth.OPERATOR_JWT,
                false,
                null,
                List.of(new Param("partnerId", ParamKind.TEXT, () -> pick(fx.partnerA, fx.partnerB)), page, limit),
                null));
        o.add(new Op(
                "admin.pools.create",
                "POST",
                "/v1/admin/token-pools",
                Auth.OPERATOR_JWT,
                true,
                (r, n) -> obj().put("partnerId", fx.partnerB)
                        .put("environment", pick("sandbox", "production"))
                        .put("initialAllocation", r.nextInt(10_000)),
                List.of(),
                null));
        o.add(new Op(
                "admin.pools.requests",
                "GET",
                "/v1/admin/token-pools/requests",
                Auth.OPERATOR_JWT,
                false,
                null,
                List.of(
                        new Param("status", ParamKind.ENUM, () -> pick("PENDING", "APPROVED", "REJECTED")),
                        page,
                        limit),
                null));
        o.add(new Op(
                "admin.pools.requests.approve",
                "POST",
                "/v1/admin/token-pools/requests/{id}/approve",
                Auth.OPERATOR_JWT,
                true,
                (r, n) -> obj().put("note", "fuzz"),
                List.of(),
                () -> fx.allocationRequestIds));
        o.add(new Op(
                "admin.pools.requests.reject",
                "POST",
                "/v1/admin/token-pools/requests/{id}/reject",
                Auth.OPERATOR_JWT,
                true,
                (r, n) -> obj().put("note", "fuzz"),
                List.of(),
                () -> fx.allocationRequestIds));
        o.add(new Op(
                "admin.pools.get",
                "GET",
                "/v1/admin/token-pools/{id}",
                Auth.OPERATOR_JWT,
                false,
                null,
                List.of(),
                () -> List.of(fx.poolA, fx.poolB)));
        o.add(new Op(
                "admin.pools.restrict",
                "PATCH",
                "/v1/admin/token-pools/{id}",
                Auth.OPERATOR_JWT,
                true,
                this::restrictionsBody,
                List.of(),
                () -> List.of(fx.poolB)));
        o.add(new Op(
                "admin.pools.fund",
                "POST",
                "/v1/admin/token-pools/{id}/allocations",
                Auth.OPERATOR_JWT,
                true,
                (r, n) -> obj().put("amount", 1 + r.nextInt(10_000)).put("reason", "fuzz funding"),
                List.of(),
                () -> List.of(fx.poolA, fx.poolB)));
        // donations-service: the directory and donation links (widget), operators' directory
        Supplier<List<String>> slugs = () -> List.of("givedirectly", "khan-academy", "no-such-nonprofit");
        Param query = new Param("query", ParamKind.TEXT, () -> pick("malaria", "give", "water"));
        o.add(new Op(
                "organizations.get",
                "GET",
                "/v1/partner/organizations/{id}",
                Auth.WIDGET,
                false,
                null,
                List.of(),
                slugs));
        o.add(new Op(
                "organizations.search",
                "GET",
                "/v1/partner/organizations",
                Auth.WIDGET,
                false,
                null,
                List.of(query, page, limit),
                null));
        o.add(new Op(
                "donations.createLink",
                "POST",
                "/v1/partner/donations/create-link",
                Auth.WIDGET,
                true,
                this::donationBody,
                List.of(),
                null));
        o.add(new Op(
                "donations.status",
                "GET",
                "/v1/partner/donations/status/{id}",
                Auth.WIDGET,
                false,
                null,
                List.of(),
                () -> fx.donationIds));
        o.add(new Op(
                "admin.organizations.list",
                "GET",
                "/v1/admin/organizations",
                Auth.OPERATOR_JWT,
                false,
                null,
                List.of(query, page, limit),
                null));
        o.add(new Op(
                "admin.organizations.get",
                "GET",
                "/v1/admin/organizations/{id}",
                Auth.OPERATOR_JWT,
                false,
                null,
                List.of(),
                slugs));
        o.add(new Op(
                "admin.dlq.redrive",
                "POST",
                "/v1/admin/dlq/{id}/redrive",
                Auth.OPERATOR_JWT,
                true,
                null,
                List.of(),
                () -> List.of("sir.actions.v1", "sir.reward-lifecycle.v1", "sir.credentials.v1")));
        return List.copyOf(o);
    }

    // ---- valid bodies ---------------------------------------------------------------------------------------------

    private ObjectNode keyBody(Random r, int n) {
        return obj().put("name", "fuzz key " + n)
                .put("environment", r.nextInt(5) == 0 ? "production" : "sandbox")
                .put("keyType", "standard");
    }

    private ObjectNode keyPatch(Random r, int n) {
        ObjectNode b = obj();
        if (r.nextBoolean()) {
            b.put("name", "renamed " + n);
        }
        if (r.nextBoolean()) {
            b.put("isActive", r.nextBoolean());
        }
        if (r.nextInt(3) == 0) {
            b.put("expiresAt", "2031-01-01T00:00:00Z");
        }
        return b;
    }

    private ObjectNode productionRequestBody(Random r, int n) {
        ObjectNode b = obj().put("legalEntityName", "Fuzz Ltd " + n)
                .put("contactEmail", "ops@example.org")
                .put("useCase", "rewards for volunteering")
                .put("expectedMonthlyVolume", 1_000)
                .put("stakeholderModel", "customer only")
                .put("webhookUrl", "https://example.org/hooks/" + n);
        b.putArray("actionTypes").add("VOLUNTEER").add("PURCHASE");
        return b;
    }

    private ObjectNode actionBody(Random r, int n) {
        ObjectNode b = obj().put("idempotencyKey", "fuzz-" + n)
                .put("actionType", pick("PURCHASE", "DONATION", "VOLUNTEER", "REFERRAL", "SIGNUP"))
                .put("amount", new BigDecimal(r.nextInt(20_000)).movePointLeft(2))
                .put("currency", pick("USD", "EUR", "GBP"))
                .put("autoCreateUsers", true);
        ArrayNode stakeholders = b.putArray("stakeholders");
        int count = 1 + r.nextInt(2);
        for (int i = 0; i < count; i++) {
            stakeholders
                    .addObject()
                    .put("stakeholderTypeCode", i == 0 ? "CUSTOMER" : "REFERRER")
                    .put("partnerUserId", fx.rewardedUsers.get(r.nextInt(fx.rewardedUsers.size())))
                    .put("userEmail", "user" + i + "@example.org");
        }
        b.putObject("metadata").put("orderId", "o-" + n).put("channel", "web");
        return b;
    }

    private ObjectNode donationBody(Random r, int n) {
        ObjectNode b = obj().put("nonprofitSlug", pick("givedirectly", "against-malaria-foundation"))
                .put("amount", 100 + r.nextInt(100_000))
                .put("currency", "USD")
                .put("frequency", pick("once", "monthly"))
                .put("provider", pick("stripe", "every.org"))
                .put("donorEmail", "donor" + n + "@example.org")
                .put("firstName", "Ada")
                .put("lastName", "Lovelace")
                .put("partnerUserId", "fuzz-donor-" + n);
        if (r.nextBoolean()) {
            b.put("referralCode", "ref-" + n);
        }
        return b;
    }

    private ObjectNode userBody(Random r, int n) {
        ObjectNode b = obj().put("externalId", "fuzz-created-" + n)
                .put("email", "created" + n + "@example.org")
                .put("firstName", "Ada")
                .put("lastName", "Lovelace");
        b.putObject("metadata").put("tier", "gold");
        return b;
    }

    private ObjectNode userPatch(Random r, int n) {
        ObjectNode b = obj();
        b.put("email", "patched" + n + "@example.org");
        if (r.nextBoolean()) {
            b.put("firstName", "Grace");
        }
        if (r.nextBoolean()) {
            b.putObject("metadata").put("n", n);
        }
        return b;
    }

    private ObjectNode campaignBody(Random r, int n) {
        ObjectNode b = obj().put("name", "fuzz campaign " + n)
                .put("status", "DRAFT")
                .put("multiplier", new BigDecimal("1.5"))
                .put("budget", 1_000 + r.nextInt(10_000))
                .put("priority", r.nextInt(10))
                .put("startsAt", "2026-01-01T00:00:00Z")
                .put("endsAt", "2030-01-01T00:00:00Z");
        b.putArray("actionTypes").add("VOLUNTEER");
        b.putArray("splits").addObject().put("stakeholderTypeCode", "CUSTOMER").put("percent", 100);
        b.putArray("tiers").addObject().put("minAmount", 100).put("multiplier", 2);
        return b;
    }

    private ObjectNode campaignPatch(Random r, int n) {
        ObjectNode b = obj();
        b.put("name", "renamed campaign " + n);
        if (r.nextBoolean()) {
            b.put("status", pick("DRAFT", "PAUSED", "ENDED"));
        }
        if (r.nextBoolean()) {
            b.put("priority", r.nextInt(100));
        }
        return b;
    }

    private ObjectNode webhookBody(Random r, int n) {
        ObjectNode b = obj().put("url", fx.receiverUrl).put("description", "fuzz hook " + n);
        b.putArray("eventTypes").add("action.completed");
        b.put("receiveAllEvents", false);
        b.putObject("headers").put("X-Fuzz", String.valueOf(n));
        return b;
    }

    private ObjectNode webhookPatch(Random r, int n) {
        ObjectNode b = obj().put("description", "patched " + n);
        if (r.nextBoolean()) {
            b.put("isActive", true);
        }
        if (r.nextBoolean()) {
            b.put("url", fx.receiverUrl);
        }
        return b;
    }

    private ObjectNode settingsBody(Random r, int n) {
        ObjectNode b = obj().put("reason", "fuzz settings " + n);
        if (r.nextBoolean()) {
            b.put("rateLimit", 1 + r.nextInt(1_000_000));
        }
        if (r.nextBoolean()) {
            b.putArray("enabledFeatures").add("ACTIONS");
        }
        if (r.nextBoolean()) {
            b.putArray("ipAllowlist").add("10.0.0.1");
        }
        return b;
    }

    private ObjectNode restrictionsBody(Random r, int n) {
        ObjectNode b = obj().put("lowBalanceThreshold", r.nextInt(1_000));
        b.putObject("autoRefill")
                .put("enabled", r.nextBoolean())
                .put("threshold", 10)
                .put("amount", 100);
        b.put("vestingDays", r.nextInt(3)).put("tokenExpiryDays", r.nextInt(3));
        b.put("status", pick("ACTIVE", "SUSPENDED"));
        return b;
    }

    // ---- generation -----------------------------------------------------------------------------------------------

    /** Request number {@code n}: a valid request for a random operation, then broken in one way (or left valid). */
    Req next(int n) {
        Op op = ops.get(rnd.nextInt(ops.size()));
        Req r = valid(op, n);
        List<String> families = new ArrayList<>();
        List<Integer> weights = new ArrayList<>();
        addFamily(families, weights, "valid", 6);
        addFamily(families, weights, "body", op.body() != null ? 36 : 0);
        addFamily(families, weights, "query", op.params().isEmpty() ? 3 : 14);
        addFamily(families, weights, "path", op.ids() != null ? 10 : 3);
        addFamily(families, weights, "method", 3);
        addFamily(families, weights, "headers", 6);
        addFamily(families, weights, "auth", 8);
        addFamily(families, weights, "wire", 3);
        addFamily(families, weights, "replay", op.signed() && op.mutating() ? 10 : 0);
        int total = weights.stream().mapToInt(Integer::intValue).sum();
        int x = rnd.nextInt(total);
        String family = families.get(families.size() - 1);
        for (int i = 0; i < families.size(); i++) {
            x -= weights.get(i);
            if (x < 0) {
                family = families.get(i);
                break;
            }
        }
        r.family = family;
        switch (family) {
            case "body" -> mutateBody(r, op.body().apply(rnd, n));
            case "query" -> mutateQuery(r);
            case "path" -> mutatePath(r);
            case "method" -> mutateMethod(r);
            case "headers" -> mutateHeaders(r);
            case "auth" -> mutateAuth(r);
            case "wire" -> mutateWire(r);
            case "replay" -> {
                r.kind = "exact-replay";
                r.replay = true;
            }
            default -> r.kind = "valid";
        }
        return r;
    }

    private static void addFamily(List<String> families, List<Integer> weights, String family, int weight) {
        if (weight > 0) {
            families.add(family);
            weights.add(weight);
        }
    }

    private Req valid(Op op, int n) {
        Req r = new Req(op);
        r.method = op.method();
        String path = op.path();
        if (op.ids() != null) {
            List<String> ids = op.ids().get();
            String id = ids.isEmpty() ? "none" : ids.get(rnd.nextInt(ids.size()));
            path = path.replace("{id}", encode(id));
        }
        StringBuilder q = new StringBuilder();
        for (Param p : op.params()) {
            if (rnd.nextBoolean()) {
                q.append(q.length() == 0 ? "?" : "&")
                        .append(p.name())
                        .append('=')
                        .append(encode(p.valid().get()));
            }
        }
        r.target = path + q;
        if (op.body() != null) {
            r.body = json(op.body().apply(rnd, n), false);
            r.contentType = "application/json";
        } else if (!op.method().equals("GET") && !op.method().equals("DELETE")) {
            r.body = new byte[0];
        }
        return r;
    }

    // ---- body -----------------------------------------------------------------------------------------------------

    private void mutateBody(Req r, ObjectNode body) {
        String[] kinds = {
            "missing-field",
            "null-field",
            "wrong-type",
            "huge-number",
            "odd-string",
            "odd-string",
            "odd-string",
            "odd-field-name",
            "extra-field",
            "duplicate-key",
            "deep-nesting",
            "truncated-json",
            "trailing-garbage",
            "not-json",
            "json-scalar",
            "invalid-utf8",
            "empty-body",
            "whitespace-body",
            "over-64KiB",
            "over-1MiB",
            "numbers-as-strings",
            "byte-order-mark",
            "utf16-body",
            "big-array",
            "raw-utf8-unicode"
        };
        String kind = kinds[rnd.nextInt(kinds.length)];
        r.kind = kind;
        Slot slot = randomSlot(body);
        switch (kind) {
            case "missing-field" -> {
                slot.remove();
                r.body = json(body, false);
            }
            case "null-field" -> {
                slot.set(NODES.nullNode());
                r.body = json(body, false);
            }
            case "wrong-type" -> {
                JsonNode[] others = {
                    NODES.numberNode(123),
                    NODES.numberNode(-7.5),
                    NODES.booleanNode(true),
                    NODES.textNode("text"),
                    NODES.arrayNode(),
                    NODES.objectNode(),
                    NODES.arrayNode().add(1).add("a"),
                    NODES.objectNode().put("a", 1)
                };
                JsonNode other;
                do {
                    other = others[rnd.nextInt(others.length)];
                } while (slot.get() != null && other.getNodeType() == slot.get().getNodeType());
                slot.set(other);
                r.body = json(body, false);
            }
            case "huge-number" -> {
                slot.set(NODES.numberNode(new BigDecimal(HUGE_NUMBERS[rnd.nextInt(HUGE_NUMBERS.length)])));
                r.body = json(body, false);
            }
            case "odd-string" -> {
                String s = ODD_STRINGS[rnd.nextInt(ODD_STRINGS.length)];
                slot.set(NODES.textNode(s));
                r.kind = "odd-string(" + describe(s) + ")";
                if (slot.name() != null
                        && IDENTIFIER_FIELDS.contains(slot.name())
                        && IDENTIFIER_OPS.contains(r.op.name())
                        && unstorableIdentifier(s)) {
                    r.mustRefuse = "identifier " + slot.name() + " with " + describe(s);
                }
                r.body = json(body, false);
            }
            case "odd-field-name" -> {
                String s = ODD_STRINGS[rnd.nextInt(ODD_STRINGS.length)];
                slot.parentObject().put(s, "value");
                r.body = json(body, false);
            }
            case "extra-field" -> {
                String[][] extras = {
                    {"partnerId", fx.partnerB},
                    {"environment", "production"},
                    {"isAdmin", "true"},
                    {"id", "forged_id"},
                    {"balance", "1000000000"},
                    {"status", "ACTIVE"},
                    {"__proto__", "{\"polluted\":true}"},
                    {"secret", "whsec_" + "0".repeat(64)}
                };
                String[] e = extras[rnd.nextInt(extras.length)];
                body.put(e[0], e[1]);
                r.kind = "extra-field(" + e[0] + ")";
                r.body = json(body, false);
            }
            case "duplicate-key" -> {
                String text = new String(json(body, false), StandardCharsets.UTF_8);
                Iterator<String> names = body.fieldNames();
                String first = names.hasNext() ? names.next() : "x";
                r.body = ("{\"" + first + "\":[\"duplicate\"]," + text.substring(1)).getBytes(StandardCharsets.UTF_8);
            }
            case "deep-nesting" -> {
                slot.set(NODES.textNode(DEEP_MARK));
                int depth = pick(600, 1_001, 5_000, 20_000);
                String deep = "[".repeat(depth) + "]".repeat(depth);
                r.kind = "deep-nesting(" + depth + ")";
                r.body = new String(json(body, false), StandardCharsets.UTF_8)
                        .replace("\"" + DEEP_MARK + "\"", deep)
                        .getBytes(StandardCharsets.UTF_8);
            }
            case "truncated-json" -> {
                byte[] full = json(body, false);
                int cut = 1 + rnd.nextInt(Math.max(1, full.length - 1));
                r.body = Arrays.copyOf(full, cut);
                r.incompleteJson = true;
            }
            case "trailing-garbage" -> {
                String[] tails = {"}", "]", "x", " {\"a\":1}", "{\"b\":2}", "\u0000", ",", "//c", "\n\n{"};
                r.body = (new String(json(body, false), StandardCharsets.UTF_8) + tails[rnd.nextInt(tails.length)])
                        .getBytes(StandardCharsets.UTF_8);
            }
            case "not-json" -> {
                String[] texts = {
                    "hello",
                    "<xml><a>1</a></xml>",
                    "name=x&amount=1",
                    "{'name':'single quotes'}",
                    "{name:1}",
                    "{\"amount\":NaN}",
                    "{\"amount\":Infinity}",
                    "{\"amount\":-Infinity}",
                    "{\"amount\":0x10}",
                    "{\"amount\":007}",
                    "{\"name\":\"x\",}",
                    "{/*comment*/\"name\":\"x\"}",
                    "[",
                    "{",
                    "\"",
                    "nul",
                    "\u0000",
                    "{\"name\":\"unterminated}",
                    "{\"name\":\"bad escape \\x41\"}"
                };
                String t = texts[rnd.nextInt(texts.length)];
                r.kind = "not-json(" + describe(t) + ")";
                r.incompleteJson = true;
                r.body = t.getBytes(StandardCharsets.UTF_8);
            }
            case "json-scalar" -> {
                String[] scalars = {"null", "0", "-1", "true", "\"text\"", "[]", "[{}]", "{}"};
                r.body = scalars[rnd.nextInt(scalars.length)].getBytes(StandardCharsets.UTF_8);
            }
            case "invalid-utf8" -> {
                slot.set(NODES.textNode(INVALID_UTF8_MARK));
                byte[][] bad = {
                    {(byte) 0xC3, (byte) 0x28},
                    {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                    {(byte) 0xFF},
                    {(byte) 0xC0, (byte) 0x80},
                    {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                    {(byte) 0xE2, (byte) 0x82}
                };
                r.body = replace(json(body, false), INVALID_UTF8_MARK, bad[rnd.nextInt(bad.length)]);
            }
            case "empty-body" -> r.body = new byte[0];
            case "whitespace-body" -> r.body = " \r\n\t ".getBytes(StandardCharsets.UTF_8);
            case "over-64KiB" -> {
                body.put("padding", "p".repeat(70_000));
                r.body = json(body, false);
            }
            case "over-1MiB" -> {
                body.put("padding", "p".repeat(1_100_000));
                r.body = json(body, false);
            }
            case "numbers-as-strings" -> {
                stringifyNumbers(body);
                r.body = json(body, false);
            }
            case "byte-order-mark" ->
                r.body = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, json(body, false));
            case "utf16-body" -> {
                r.body = new String(json(body, false), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16);
                r.contentType = "application/json; charset=utf-16";
            }
            case "big-array" -> {
                ArrayNode big = NODES.arrayNode();
                for (int i = 0; i < 10_000; i++) {
                    big.add(i);
                }
                slot.set(big);
                r.body = json(body, false);
            }
            case "raw-utf8-unicode" -> {
                String[] unicode = {"😀🎉", "\u202eevil", "日本語", "e\u0301", "\u05e9\u05dc\u05d5\u05dd", "Ⅻ"};
                String s = unicode[rnd.nextInt(unicode.length)];
                slot.set(NODES.textNode(s));
                r.body = json(body, true);
            }
            default -> throw new IllegalStateException(kind);
        }
    }

    private static boolean unstorableIdentifier(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20) {
                return true;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return true;
            }
            if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static void stringifyNumbers(JsonNode node) {
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode v = o.get(name);
                if (v.isNumber()) {
                    o.put(name, v.asText());
                } else {
                    stringifyNumbers(v);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).isNumber()) {
                    a.set(i, NODES.textNode(a.get(i).asText()));
                } else {
                    stringifyNumbers(a.get(i));
                }
            }
        }
    }

    /** A place in a body: a field of an object or an element of an array. */
    record Slot(ObjectNode object, String name, ArrayNode array, int index) {
        JsonNode get() {
            return object != null ? object.get(name) : array.get(index);
        }

        void set(JsonNode v) {
            if (object != null) {
                object.set(name, v);
            } else {
                array.set(index, v);
            }
        }

        void remove() {
            if (object != null) {
                object.remove(name);
            } else {
                array.remove(index);
            }
        }

        ObjectNode parentObject() {
            return object != null ? object : NODES.objectNode();
        }
    }

    private Slot randomSlot(ObjectNode body) {
        List<Slot> slots = new ArrayList<>();
        collect(body, slots);
        if (slots.isEmpty()) {
            return new Slot(body, "field", null, 0);
        }
        return slots.get(rnd.nextInt(slots.size()));
    }

    private static void collect(JsonNode node, List<Slot> out) {
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                out.add(new Slot(o, name, null, 0));
                collect(o.get(name), out);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                out.add(new Slot(null, null, a, i));
                collect(a.get(i), out);
            }
        }
    }

    // ---- query ----------------------------------------------------------------------------------------------------

    private void mutateQuery(Req r) {
        String path = r.target.contains("?") ? r.target.substring(0, r.target.indexOf('?')) : r.target;
        List<Param> params = r.op.params();
        if (params.isEmpty() || rnd.nextInt(4) == 0) {
            String part = RAW_QUERY_PARTS[rnd.nextInt(RAW_QUERY_PARTS.length)];
            r.kind = "raw-query(" + describe(part) + ")";
            r.target = path + "?" + part;
            return;
        }
        Param p = params.get(rnd.nextInt(params.size()));
        String value = switch (p.kind()) {
            case PAGE, LIMIT -> ODD_NUMBERS_IN_QUERY[rnd.nextInt(ODD_NUMBERS_IN_QUERY.length)];
            case DATE -> ODD_DATES[rnd.nextInt(ODD_DATES.length)];
            case ENUM -> ODD_ENUMS[rnd.nextInt(ODD_ENUMS.length)];
            case CURSOR -> oddCursor();
            case TEXT -> ODD_STRINGS[rnd.nextInt(ODD_STRINGS.length)];
        };
        r.kind = p.name() + "=" + describe(value);
        StringBuilder q = new StringBuilder("?").append(p.name()).append('=').append(encode(value));
        // The rest valid, or a date range turned inside out.
        for (Param other : params) {
            if (other != p && rnd.nextBoolean()) {
                q.append('&')
                        .append(other.name())
                        .append('=')
                        .append(encode(other.valid().get()));
            }
        }
        r.target = path + q;
    }

    private String oddCursor() {
        String[] cursors = {
            cursor("+999999999-12-31T23:59:59Z|act_x"),
            cursor("-999999999-01-01T00:00:00Z|act_x"),
            cursor("1970-01-01T00:00:00Z|\u0000"),
            cursor("2026-01-01T00:00:00Z|" + "x".repeat(5_000)),
            cursor("2026-01-01T00:00:00Z"),
            cursor("|"),
            cursor("\ud800|\ud800"),
            "!!!",
            "====",
            "a",
            "x".repeat(4_000)
        };
        return cursors[rnd.nextInt(cursors.length)];
    }

    private static String cursor(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    // ---- path -----------------------------------------------------------------------------------------------------

    private void mutatePath(Req r) {
        String query = r.target.contains("?") ? r.target.substring(r.target.indexOf('?')) : "";
        String path = r.target.substring(0, r.target.length() - query.length());
        if (r.op.ids() != null && rnd.nextInt(4) != 0) {
            String odd = rnd.nextInt(6) == 0
                    ? encode(otherPartnersId(r.op))
                    : ODD_IDS_ENCODED[rnd.nextInt(ODD_IDS_ENCODED.length)];
            r.kind = "id=" + describe(odd);
            r.target = r.op.path().replace("{id}", odd) + query;
            return;
        }
        String[][] shapes = {
            {"trailing-slash", path + "/"},
            {"double-slash", path.replaceFirst("/v1/partner/|/v1/admin/", "$0/")},
            {"upper-case", path.toUpperCase(Locale.ROOT)},
            {"extra-segment", path + "/extra"},
            {"dot-segments", path + "/../../admin/partners"},
            {"encoded-dot-segments", path + "/%2e%2e/%2e%2e/admin/partners"},
            {"backslash-segments", path + "/..%5c..%5cq%5chealth"},
            {"matrix-params", path + ";jsessionid=x"},
            {"encoded-slash", path.replaceFirst("/([^/]*)$", "%2F$1")},
            {"nul-suffix", path + "%00"},
            {"nul-suffix-json", path + "%00.json"},
            {"encoded-path", path.replace("/v1/", "/%76%31/")},
            {"semicolon-traversal", path + "/..;/..;/q/health"},
            {"very-long-path", path + "/" + "a".repeat(9_000)}
        };
        String[] s = shapes[rnd.nextInt(shapes.length)];
        r.kind = s[0];
        r.target = s[1] + query;
    }

    private String otherPartnersId(Op op) {
        // What exists, but belongs to the victim partner B: must be 404 to partner A.
        return switch (op.name().split("\\.")[0]) {
            case "pools" -> fx.poolB;
            case "keys" -> "key_" + "0".repeat(24);
            default -> fx.partnerB;
        };
    }

    // ---- method ---------------------------------------------------------------------------------------------------

    private void mutateMethod(Req r) {
        String[] methods = {"PUT", "DELETE", "PATCH", "POST", "GET", "HEAD", "OPTIONS", "TRACE", "FOO", "get"};
        String m;
        do {
            m = methods[rnd.nextInt(methods.length)];
        } while (m.equals(r.method));
        r.kind = m;
        r.method = m;
        if (r.body == null && (m.equals("POST") || m.equals("PUT") || m.equals("PATCH"))) {
            r.body = "{}".getBytes(StandardCharsets.UTF_8);
            r.contentType = "application/json";
        }
    }

    // ---- headers --------------------------------------------------------------------------------------------------

    private void mutateHeaders(Req r) {
        String[] kinds = {
            "content-type",
            "content-type",
            "content-type",
            "accept",
            "content-encoding",
            "request-id",
            "idempotency-key",
            "forwarding-spoof",
            "internal-token",
            "many-headers",
            "duplicate-partner-key"
        };
        String kind = kinds[rnd.nextInt(kinds.length)];
        r.kind = kind;
        switch (kind) {
            case "content-type" -> {
                String ct = CONTENT_TYPES[rnd.nextInt(CONTENT_TYPES.length)];
                r.kind = "content-type(" + describe(String.valueOf(ct)) + ")";
                r.contentType = ct;
                if (r.body == null) {
                    r.body = new byte[0];
                }
            }
            case "accept" -> {
                String accept = pick("text/html", "application/xml", "*/*;q=0", "image/png", "application/json;q=0");
                r.kind = "accept(" + accept + ")";
                r.headers.add(new String[] {"Accept", accept});
            }
            case "content-encoding" -> r.headers.add(new String[] {"Content-Encoding", pick("gzip", "br", "deflate")});
            case "request-id" -> {
                String id = pick("req_" + "a".repeat(200), "x", "req_" + "a".repeat(12_000), "ÿÿÿÿÿÿÿÿÿ", "req_$(id)");
                r.kind = "request-id(" + describe(id) + ")";
                r.headers.add(new String[] {"X-Request-Id", id});
            }
            case "idempotency-key" -> {
                String key = pick("", " ", "k".repeat(300), "ünïcödé", "a,b", "k".repeat(12_000), "\t");
                r.kind = "idempotency-key(" + describe(key) + ")";
                r.headers.add(new String[] {"Idempotency-Key", key});
            }
            case "forwarding-spoof" -> {
                r.headers.add(new String[] {"X-Forwarded-For", "10.0.0.1, 127.0.0.1"});
                r.headers.add(new String[] {"X-Real-IP", "10.0.0.1"});
                r.headers.add(new String[] {"Forwarded", "for=10.0.0.1;host=internal"});
            }
            case "internal-token" -> r.headers.add(new String[] {"X-Internal-Token", "guessed-internal-token"});
            case "many-headers" -> {
                for (int i = 0; i < 90; i++) {
                    r.headers.add(new String[] {"X-Fuzz-" + i, "v".repeat(50)});
                }
            }
            case "duplicate-partner-key" -> r.headers.add(new String[] {"X-Partner-Key", "pk_test_" + "0".repeat(64)});
            default -> throw new IllegalStateException(kind);
        }
    }

    // ---- credentials ----------------------------------------------------------------------------------------------

    private void mutateAuth(Req r) {
        List<Twist> twists = new ArrayList<>(
                switch (r.op.auth()) {
                    case SECRET, SIGNED -> SIGNED_TWISTS;
                    case WIDGET -> WIDGET_TWISTS;
                    case USER_JWT, OPERATOR_JWT -> JWT_TWISTS;
                });
        if (r.op.auth() == Auth.SECRET) {
            twists.add(Twist.PUBLIC_KEY_ON_WRITE);
        }
        if (r.op.auth() == Auth.OPERATOR_JWT) {
            twists.add(Twist.JWT_USER_ON_OPERATOR_ENDPOINT);
        }
        r.twist = twists.get(rnd.nextInt(twists.size()));
        r.kind = r.twist.name();
        if (r.twist.forged) {
            r.mustRefuse = "forged credentials (" + r.twist + ")";
        }
    }

    // ---- the wire -------------------------------------------------------------------------------------------------

    private void mutateWire(Req r) {
        String body = r.body == null ? "" : new String(r.body, StandardCharsets.ISO_8859_1);
        String ct = r.contentType == null ? "" : "Content-Type: " + r.contentType + "\r\n";
        String line = r.method + " " + r.target + " HTTP/1.1";
        String host = "Host: 127.0.0.1\r\n";
        String cl = "Content-Length: " + body.length() + "\r\n";
        String[][] shapes = {
            {"nul-in-path", r.method + " " + r.target + "\u0000x HTTP/1.1\r\n" + host + "{AUTH}" + ct + cl},
            {"space-in-path", r.method + " " + r.target + "/a b HTTP/1.1\r\n" + host + "{AUTH}" + ct + cl},
            {"control-byte-in-path", r.method + " " + r.target + "\u0001\u007f HTTP/1.1\r\n" + host + "{AUTH}" + ct + cl
            },
            {
                "non-ascii-byte-in-path",
                r.method + " " + r.target + "\u00ff\u00fe HTTP/1.1\r\n" + host + "{AUTH}" + ct + cl
            },
            {"request-line-method-only", r.method + "\r\n" + host},
            {"request-line-garbage", "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u00fc\u0003\u0003"},
            {"http-9.9", r.method + " " + r.target + " HTTP/9.9\r\n" + host + "{AUTH}" + ct + cl},
            {"request-line-extra-token", line + " extra\r\n" + host + "{AUTH}" + ct + cl},
            {"no-host", line + "\r\n{AUTH}" + ct + cl},
            {"two-hosts", line + "\r\n" + host + "Host: evil.example\r\n{AUTH}" + ct + cl},
            {"header-without-colon", line + "\r\n" + host + "This is not a header\r\n{AUTH}" + ct + cl},
            {"nul-in-header", line + "\r\n" + host + "X-Fuzz: a\u0000b\r\n{AUTH}" + ct + cl},
            {"folded-header", line + "\r\n" + host + "X-Fuzz: a\r\n folded\r\n{AUTH}" + ct + cl},
            {"bare-lf", (line + "\n" + host.replace("\r", "") + "{AUTH}" + ct + cl).replace("\r\n", "\n")},
            {"content-length-and-chunked", line + "\r\n" + host + "{AUTH}" + ct + cl + "Transfer-Encoding: chunked\r\n"
            },
            {"bad-chunked", line + "\r\n" + host + "{AUTH}" + ct + "Transfer-Encoding: chunked\r\n"},
            {"chunked-body", line + "\r\n" + host + "{AUTH}" + ct + "Transfer-Encoding: chunked\r\n"},
            {"negative-content-length", line + "\r\n" + host + "{AUTH}" + ct + "Content-Length: -1\r\n"},
            {"garbage-content-length", line + "\r\n" + host + "{AUTH}" + ct + "Content-Length: 1x\r\n"},
            {"two-content-lengths", line + "\r\n" + host + "{AUTH}" + ct + cl + "Content-Length: 0\r\n"},
            {"short-content-length", line + "\r\n" + host + "{AUTH}" + ct + "Content-Length: 1\r\n"},
            {"absolute-form", r.method + " http://127.0.0.1" + r.target + " HTTP/1.1\r\n" + host + "{AUTH}" + ct + cl},
            {"oversized-header", line + "\r\n" + host + "X-Fuzz: " + "h".repeat(20_000) + "\r\n{AUTH}" + ct + cl},
            {
                "long-request-line",
                r.method + " " + r.target + (r.target.contains("?") ? "&" : "?") + "x=" + "y".repeat(12_000)
                        + " HTTP/1.1\r\n" + host + "{AUTH}" + ct + cl
            },
            {
                "lower-case-method",
                line.toLowerCase(Locale.ROOT).replace("http/1.1", "HTTP/1.1") + "\r\n" + host + "{AUTH}" + ct + cl
            },
            {"http-1.0-no-host", r.method + " " + r.target + " HTTP/1.0\r\n{AUTH}" + ct + cl},
            {"expect-continue", line + "\r\n" + host + "{AUTH}" + ct + cl + "Expect: 100-continue\r\n"}
        };
        String[] s = shapes[rnd.nextInt(shapes.length)];
        r.kind = s[0];
        r.rawHead = s[1];
        if (s[0].equals("bad-chunked")) {
            r.body = "zz\r\nnot a chunk\r\n".getBytes(StandardCharsets.ISO_8859_1);
        } else if (s[0].equals("short-content-length") && (r.body == null || r.body.length < 2)) {
            // More bytes than the one declared: a body shorter than declared would just (rightly) be waited for.
            r.body = "{}".getBytes(StandardCharsets.ISO_8859_1);
        } else if (s[0].equals("chunked-body")) {
            // The signature covers the body as decoded; the wire carries it in two chunks.
            r.headers.add(new String[] {"__chunked__", "1"});
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    static ObjectNode obj() {
        return NODES.objectNode();
    }

    @SafeVarargs
    private <T> T pick(T... values) {
        return values[rnd.nextInt(values.length)];
    }

    static byte[] json(JsonNode body, boolean rawUtf8) {
        try {
            return (rawUtf8 ? PLAIN : ESCAPING).writeValueAsBytes(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters (UTF-8; an unpaired surrogate becomes '?'). */
    static String encode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    /** A short printable name for a hostile value, for the report. */
    static String describe(String s) {
        return describeLong(s, 24);
    }

    /** Like {@link #describe(String)}, up to {@code max} characters. */
    static String describeLong(String s, int max) {
        StringBuilder out = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < s.length() && shown < max; i++, shown++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || (c >= 0x80 && c < 0xa0) || c > 0x7e) {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    out.append(String.format("U+%X", s.codePointAt(i)));
                    i++;
                } else {
                    out.append(String.format("\\u%04x", (int) c));
                }
            } else {
                out.append(c);
            }
        }
        if (s.length() > max) {
            out.append("…(").append(s.length()).append(" chars)");
        }
        return s.isEmpty() ? "empty" : out.toString();
    }

    private static byte[] replace(byte[] text, String mark, byte[] with) {
        String s = new String(text, StandardCharsets.ISO_8859_1);
        int at = s.indexOf(mark);
        if (at < 0) {
            return text;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(text, 0, at);
        out.write(with, 0, with.length);
        out.write(text, at + mark.length(), text.length - at - mark.length());
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
