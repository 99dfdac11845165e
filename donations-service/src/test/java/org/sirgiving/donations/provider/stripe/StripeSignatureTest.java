package org.sirgiving.donations.provider.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.sirgiving.donations.provider.stripe.StripeSignature.Problem;

class StripeSignatureTest {
    private static final String SECRET = "whsec_test_5f1b0c9d";
    private static final byte[] BODY =
            "{\"id\":\"evt_1\",\"type\":\"checkout.session.completed\"}".getBytes(StandardCharsets.UTF_8);
    private static final long T = 1_790_000_000L;
    private static final Instant NOW = Instant.ofEpochSecond(T + 10);

    /** Computed here with the JDK's Mac, independently of the class under test, as Stripe's docs describe it. */
    private static String stripeV1(long t, byte[] body, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    @Test
    void aHeaderSignedWithTheEndpointSecretOverTimestampDotBodyIsAccepted() throws Exception {
        String header = "t=" + T + ",v1=" + stripeV1(T, BODY, SECRET);
        assertEquals(Optional.empty(), StripeSignature.check(header, BODY, SECRET, NOW));
    }

    @Test
    void anyOneOfSeveralV1SignaturesMayMatchAndOtherSchemesAreIgnored() throws Exception {
        String header = "t=" + T + ",v1=" + stripeV1(T, BODY, "whsec_old") + ",v0=abc,v1=" + stripeV1(T, BODY, SECRET);
        assertEquals(Optional.empty(), StripeSignature.check(header, BODY, SECRET, NOW));
    }

    @Test
    void aSignatureWithAnotherSecretIsAMismatch() throws Exception {
        String header = "t=" + T + ",v1=" + stripeV1(T, BODY, "whsec_someone_else");
        assertEquals(Optional.of(Problem.MISMATCH), StripeSignature.check(header, BODY, SECRET, NOW));
    }

    @Test
    void aChangedBodyOrTimestampIsAMismatch() throws Exception {
        String header = "t=" + T + ",v1=" + stripeV1(T, BODY, SECRET);
        byte[] changed = "{\"id\":\"evt_1\",\"type\":\"checkout.session.completed\" }".getBytes(StandardCharsets.UTF_8);
        assertEquals(Optional.of(Problem.MISMATCH), StripeSignature.check(header, changed, SECRET, NOW));
        String moved = "t=" + (T + 1) + ",v1=" + stripeV1(T, BODY, SECRET);
        assertEquals(Optional.of(Problem.MISMATCH), StripeSignature.check(moved, BODY, SECRET, NOW));
    }

    @Test
    void aCorrectSignatureOlderOrNewerThan300SecondsIsStale() throws Exception {
        String header = "t=" + T + ",v1=" + stripeV1(T, BODY, SECRET);
        assertEquals(Optional.empty(), StripeSignature.check(header, BODY, SECRET, Instant.ofEpochSecond(T + 300)));
        assertEquals(
                Optional.of(Problem.STALE),
                StripeSignature.check(header, BODY, SECRET, Instant.ofEpochSecond(T + 301)));
        assertEquals(
                Optional.of(Problem.STALE),
                StripeSignature.check(header, BODY, SECRET, Instant.ofEpochSecond(T - 301)));
    }

    @Test
    void aMissingOrIncompleteHeaderIsRefused() throws Exception {
        assertEquals(Optional.of(Problem.MISSING), StripeSignature.check(null, BODY, SECRET, NOW));
        assertEquals(Optional.of(Problem.MISSING), StripeSignature.check(" ", BODY, SECRET, NOW));
        assertEquals(
                Optional.of(Problem.MALFORMED),
                StripeSignature.check("v1=" + stripeV1(T, BODY, SECRET), BODY, SECRET, NOW));
        assertEquals(Optional.of(Problem.MALFORMED), StripeSignature.check("t=" + T, BODY, SECRET, NOW));
        assertEquals(
                Optional.of(Problem.MALFORMED),
                StripeSignature.check("t=soon,v1=" + stripeV1(T, BODY, SECRET), BODY, SECRET, NOW));
    }

    @Test
    void theSignatureWeProduceIsTheOneStripeDocuments() throws Exception {
        assertTrue(StripeSignature.sign(T, BODY, SECRET).equals(stripeV1(T, BODY, SECRET)));
    }
}
