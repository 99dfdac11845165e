package org.sirgiving.partnerauth.credentials;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ApiKeyFormatTest {
    private static final String HEX = "0123456789abcdef".repeat(4);

    @Test
    void issuedShapesAreWellFormed() {
        assertTrue(ApiKeyFormat.isWellFormed("pk_test_" + HEX));
        assertTrue(ApiKeyFormat.isWellFormed("sk_test_" + HEX));
        assertTrue(ApiKeyFormat.isWellFormed("pk_live_" + HEX));
        assertTrue(ApiKeyFormat.isWellFormed("sk_live_" + HEX));
    }

    @Test
    void anyOtherPrefixEnvironmentLengthOrAlphabetIsMalformed() {
        assertFalse(ApiKeyFormat.isWellFormed(null));
        assertFalse(ApiKeyFormat.isWellFormed(""));
        assertFalse(ApiKeyFormat.isWellFormed("pk_"));
        assertFalse(ApiKeyFormat.isWellFormed("pk_" + "a".repeat(6000)));
        assertFalse(ApiKeyFormat.isWellFormed("pk_test_" + HEX + "0"), "too long");
        assertFalse(ApiKeyFormat.isWellFormed("pk_test_" + HEX.substring(1)), "too short");
        assertFalse(ApiKeyFormat.isWellFormed("pk_test_" + HEX.toUpperCase()), "uppercase hex");
        assertFalse(ApiKeyFormat.isWellFormed("pk_test_" + HEX.substring(1) + "g"), "not hex");
        assertFalse(ApiKeyFormat.isWellFormed("pk_prod_" + HEX), "no such environment");
        assertFalse(ApiKeyFormat.isWellFormed("rk_test_" + HEX), "no such key type");
        assertFalse(ApiKeyFormat.isWellFormed("pk_test-" + HEX), "separator");
        assertFalse(ApiKeyFormat.isWellFormed("pk_test_" + HEX.substring(1) + "\u0000"), "control character");
    }
}
