package org.sirgiving.partnerauth.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The published test vectors of docs/partner-api.md section 3, reproduced byte for byte. */
class RequestSigningTest {
    private static final String SECRET = "a".repeat(64);
    private static final String TIMESTAMP = "1746876000";
    private static final String BODY =
            "{\"idempotencyKey\":\"purchase_98765\",\"actionType\":\"PURCHASE\",\"amount\":49.99}";

    @Test
    void emptyBodyHashIsTheSha256OfNothing() {
        assertEquals(
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                RequestSigning.bodyHash(new byte[0]));
    }

    @Test
    void getWithQueryMatchesTheContractVector() {
        assertEquals(
                "88a77b036027cb2666ebbe27f9d42c1960070d453bf3fd8e76b7fc73df925915",
                RequestSigning.sign(SECRET, TIMESTAMP, "GET", "/v1/partner/users?page=1&limit=20", new byte[0]));
    }

    @Test
    void postWithBodyMatchesTheContractVector() {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        assertEquals("a2ba9298854432570ecda9f7a99956a1ddf3c66f7470188d4ef32b585befdfa9", RequestSigning.bodyHash(body));
        assertEquals(
                "f1fc2f0f4dc1a299e2582cb30a119ef9c6f2efeab0304ea2ccc820654d9d414d",
                RequestSigning.sign(SECRET, TIMESTAMP, "POST", "/v1/partner/actions/submit", body));
    }

    @Test
    void verifyRejectsAnyChangeToTheSignedParts() {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        String sig = "f1fc2f0f4dc1a299e2582cb30a119ef9c6f2efeab0304ea2ccc820654d9d414d";
        assertTrue(RequestSigning.verify(SECRET, TIMESTAMP, "POST", "/v1/partner/actions/submit", body, sig));
        assertFalse(RequestSigning.verify(SECRET, "1746876001", "POST", "/v1/partner/actions/submit", body, sig));
        assertFalse(RequestSigning.verify(SECRET, TIMESTAMP, "PUT", "/v1/partner/actions/submit", body, sig));
        assertFalse(RequestSigning.verify(SECRET, TIMESTAMP, "POST", "/v1/partner/actions/submit?x=1", body, sig));
        assertFalse(RequestSigning.verify(
                SECRET,
                TIMESTAMP,
                "POST",
                "/v1/partner/actions/submit",
                (BODY + " ").getBytes(StandardCharsets.UTF_8),
                sig));
        assertFalse(RequestSigning.verify("b".repeat(64), TIMESTAMP, "POST", "/v1/partner/actions/submit", body, sig));
    }

    @Test
    void timestampWindowIsThreeHundredSecondsEitherWay() {
        long now = 1_746_876_000L;
        assertTrue(RequestSigning.withinWindow(Long.toString(now - 300), now));
        assertTrue(RequestSigning.withinWindow(Long.toString(now + 300), now));
        assertFalse(RequestSigning.withinWindow(Long.toString(now - 301), now));
        assertFalse(RequestSigning.withinWindow(Long.toString(now + 301), now));
        assertFalse(RequestSigning.withinWindow("17468760OO", now));
        assertFalse(RequestSigning.withinWindow("-1746876000", now));
        assertFalse(RequestSigning.withinWindow("", now));
        assertFalse(RequestSigning.withinWindow(null, now));
    }
}
