package org.sirgiving.partnerauth.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretSealerTest {
    private static final String K1 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    private static final String K2 = Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes());

    private static SecretSealer sealer(String active, Map<String, String> keys) {
        return new SecretSealer(new SecretSealer.PlatformKeys() {
            public String active() {
                return active;
            }

            public Map<String, String> keys() {
                return keys;
            }
        });
    }

    @Test
    void sealedSecretOpensToTheOriginalAndHidesIt() {
        SecretSealer s = sealer("k1", Map.of("k1", K1));
        String sealed = s.seal("my-hmac-secret");
        assertTrue(sealed.startsWith("k1:"));
        assertFalse(sealed.contains("my-hmac-secret"));
        assertNotEquals(sealed, s.seal("my-hmac-secret"), "a fresh IV every time");
        assertEquals("my-hmac-secret", s.open(sealed));
    }

    @Test
    void rotationKeepsOldCiphertextsReadable() {
        String sealedUnderK1 = sealer("k1", Map.of("k1", K1)).seal("secret");
        SecretSealer rotated = sealer("k2", Map.of("k1", K1, "k2", K2));
        assertEquals("secret", rotated.open(sealedUnderK1));
        assertTrue(rotated.needsReseal(sealedUnderK1));
        assertFalse(rotated.needsReseal(rotated.seal("secret")));
    }

    @Test
    void tamperedOrUnknownKeyCiphertextIsRefused() {
        SecretSealer s = sealer("k1", Map.of("k1", K1));
        String sealed = s.seal("secret");
        byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
        raw[raw.length / 2] ^= 0x01;
        String tampered = "k1:" + Base64.getEncoder().encodeToString(raw);
        assertThrows(IllegalStateException.class, () -> s.open(tampered));
        assertThrows(IllegalStateException.class, () -> s.open("k9:" + sealed.substring(3)));
    }
}
