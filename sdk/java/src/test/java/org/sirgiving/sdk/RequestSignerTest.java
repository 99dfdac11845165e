package org.sirgiving.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The signing rule of docs/partner-api.md section 3, held to the contract's test vectors. */
class RequestSignerTest {
    private static final String SECRET = "a".repeat(64);
    private static final Clock AT_VECTOR_TIME = Clock.fixed(Instant.ofEpochSecond(1746876000L), ZoneOffset.UTC);

    @Test
    void reproducesTheContractsGetVector() {
        RequestSigner signer = new RequestSigner("sk_test_" + "0".repeat(64), SECRET, AT_VECTOR_TIME);

        RequestSigner.SignedHeaders signed = signer.sign("GET", "/v1/partner/users?page=1&limit=20", null);

        assertEquals("1746876000", signed.timestamp());
        assertEquals("88a77b036027cb2666ebbe27f9d42c1960070d453bf3fd8e76b7fc73df925915", signed.signature());
        assertEquals("sk_test_" + "0".repeat(64), signed.partnerKey());
    }

    @Test
    void reproducesTheContractsPostVector() {
        byte[] body = "{\"idempotencyKey\":\"purchase_98765\",\"actionType\":\"PURCHASE\",\"amount\":49.99}"
                .getBytes(StandardCharsets.UTF_8);
        RequestSigner signer = new RequestSigner("sk_test_x", SECRET, AT_VECTOR_TIME);

        assertEquals("a2ba9298854432570ecda9f7a99956a1ddf3c66f7470188d4ef32b585befdfa9", RequestSigner.bodyHash(body));
        assertEquals(
                "f1fc2f0f4dc1a299e2582cb30a119ef9c6f2efeab0304ea2ccc820654d9d414d",
                signer.sign("POST", "/v1/partner/actions/submit", body).signature());
        assertEquals(
                "f1fc2f0f4dc1a299e2582cb30a119ef9c6f2efeab0304ea2ccc820654d9d414d",
                signer.signature("1746876000", "post", "/v1/partner/actions/submit", body));
    }

    @Test
    void theEmptyBodyHashesAsTheContractSays() {
        assertEquals(
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                RequestSigner.bodyHash(new byte[0]));
        assertEquals(RequestSigner.bodyHash(new byte[0]), RequestSigner.bodyHash(null));
    }

    @Test
    void theSameMutatingRequestWithinOneSecondIsSignedWithTheNextSecond() {
        RequestSigner signer = new RequestSigner("sk_test_x", SECRET, AT_VECTOR_TIME);
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

        RequestSigner.SignedHeaders first = signer.sign("PATCH", "/v1/partner/webhooks/wh_1", body);
        RequestSigner.SignedHeaders second = signer.sign("PATCH", "/v1/partner/webhooks/wh_1", body);

        assertEquals("1746876000", first.timestamp());
        assertEquals("1746876001", second.timestamp());
        assertNotEquals(first.signature(), second.signature());
    }

    @Test
    void readsKeepTheClocksSecond() {
        RequestSigner signer = new RequestSigner("sk_test_x", SECRET, AT_VECTOR_TIME);

        assertEquals(
                "1746876000", signer.sign("GET", "/v1/partner/actions", null).timestamp());
        assertEquals(
                "1746876000", signer.sign("GET", "/v1/partner/actions", null).timestamp());
    }
}
