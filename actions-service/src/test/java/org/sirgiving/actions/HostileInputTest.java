package org.sirgiving.actions;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sirgiving.testinfra.KafkaBrokerResource;
import org.sirgiving.testinfra.KeysServiceStub;
import org.sirgiving.testinfra.PostgresDatabaseResource;
import org.sirgiving.testinfra.SignedRequests;
import org.sirgiving.testinfra.TestPartners;

/** Careless or hostile requests: a prompt 4xx in the contract's body (docs/partner-api.md section 9). */
@QuarkusTest
@QuarkusTestResource(PostgresDatabaseResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(KeysServiceStub.class)
class HostileInputTest {
    private static final String SUBMIT = "/v1/partner/actions/submit";
    private static FakeRewardsService rewards;
    private static TestPartners.Partner partner;

    @BeforeAll
    static void start() {
        rewards = new FakeRewardsService();
        partner = TestPartners.sandbox();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        rewards.close();
    }

    private static Response send(boolean secret, String method, String path, String body) {
        return SignedRequests.sendPromptly(partner.keys(), secret, method, path, body);
    }

    private static void refused(Response r, String code, String field) {
        r.then().statusCode(400).body("code", is(code));
        if (field != null) {
            r.then().body("details.field", hasItem(field));
        }
    }

    @Test
    void anEmptyBodyIsRefusedAtOnce() {
        send(true, "POST", SUBMIT, "")
                .then()
                .statusCode(400)
                .body("code", is("VALIDATION_FAILED"))
                .body("message", is("A request body is required"));
    }

    @Test
    void aBodyCutShortIsInvalidJsonWhereverItStops() {
        String whole = SubmitActionTest.body(SubmitActionTest.key(), "10");
        for (String cut : List.of(
                "{\"idempotencyKey\": \"broken",
                "{\"idempotencyKey\":",
                "{\"idempotencyKey\":\"k\",",
                "{\"idempotencyKey\":\"k\",\"stakeholders\":[",
                "{\"idempotencyKey\":\"k\",\"stakeholders\":[{\"partnerUserId\":\"u\"},",
                whole.substring(0, whole.length() - 1),
                "[")) {
            refused(send(true, "POST", SUBMIT, cut), "INVALID_JSON", null);
        }
        refused(
                send(true, "POST", SUBMIT, whole.replace("\"amount\":10", "\"amount\":\"ten\"")),
                "VALIDATION_FAILED",
                "amount");
    }

    /**
     * Issue 12 item 6: whatever a body is cut off in (a string, a number, a literal, after a key, inside an array or
     * a nested object) or broken by, it is 400 INVALID_JSON, never VALIDATION_FAILED naming the field the reader had
     * reached; so is a whole body followed by anything (a stray brace, a second value), which was read as its first
     * value and accepted.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("notCompleteJson")
    void aBodyThatIsNotCompleteJsonIsInvalidJson(String body) {
        refused(send(true, "POST", SUBMIT, body), "INVALID_JSON", null);
    }

    static List<String> notCompleteJson() {
        String whole = SubmitActionTest.body(SubmitActionTest.key(), "10");
        return List.of(
                "{\"idempotencyKey\": \"broken",
                "{\"idempotencyKey\": \"a\", \"amount\": 1",
                "{\"a\":",
                "[",
                "{\"a\":tru",
                "{",
                "{\"idempotencyKey\"",
                "{\"idempotencyKey\": \"a\\u00",
                "{\"idempotencyKey\": \"a\", \"amount\": 1.",
                "{\"idempotencyKey\": \"a\", \"amount\": -",
                "{\"idempotencyKey\": \"a\", \"autoCreateUsers\": fals",
                "{\"idempotencyKey\": \"a\", \"metadata\": {\"x\": [1,",
                "{\"idempotencyKey\": \"a\", \"stakeholders\": [{\"partnerUserId\": \"u\"",
                "{\"idempotencyKey\": \"a\", \"actionType\": 7, \"amount\": 1",
                "{\"idempotencyKey\": 'a'}",
                "\"just a string",
                "nul",
                whole.substring(0, whole.length() - 1),
                whole + "}",
                whole + " {",
                whole + " {}",
                whole + " x");
    }

    @Test
    void identifiersWithControlCharactersOrLoneSurrogatesAreRefused() {
        for (String bad : List.of("\\u0000u", "\\ud800col", "\\udbffcol", "tab\\tid", "line\\nbreak", "\\u007f")) {
            String body = SubmitActionTest.body(SubmitActionTest.key(), "10").replace("\"u-1\"", "\"" + bad + "\"");
            refused(send(true, "POST", SUBMIT, body), "VALIDATION_FAILED", "stakeholders[0].partnerUserId");
        }
        // A user id that would read as a dot segment in /v1/partner/users/{externalId} could never be read back.
        for (String dotty : List.of(".", "..", "../x", "..\\\\..\\\\windows", ".\\\\x")) {
            String body = SubmitActionTest.body(SubmitActionTest.key(), "10").replace("\"u-1\"", "\"" + dotty + "\"");
            refused(send(true, "POST", SUBMIT, body), "VALIDATION_FAILED", "stakeholders[0].partnerUserId");
        }
        String badKey = SubmitActionTest.body("key\\u0001", "10");
        refused(send(true, "POST", SUBMIT, badKey), "VALIDATION_FAILED", "idempotencyKey");
        refused(send(false, "GET", "/v1/partner/actions/act%00", null), "VALIDATION_FAILED", "path");
    }

    @Test
    void datesOutsideTheirBoundsAre400sNamingTheParameter() {
        refused(
                send(false, "GET", "/v1/partner/actions?from=%2B999999999-12-31T00:00:00Z", null),
                "VALIDATION_FAILED",
                "from");
        refused(
                send(false, "GET", "/v1/partner/actions?to=-999999999-01-01T00:00:00Z", null),
                "VALIDATION_FAILED",
                "to");
        refused(send(false, "GET", "/v1/partner/actions?to=%2B10000-01-01T00:00:00Z", null), "VALIDATION_FAILED", "to");
        refused(send(false, "GET", "/v1/partner/actions?limit=2147483648", null), "VALIDATION_FAILED", "limit");
        send(false, "GET", "/v1/partner/actions?from=2026-01-01&to=9999-12-31", null)
                .then()
                .statusCode(200);
    }
}
