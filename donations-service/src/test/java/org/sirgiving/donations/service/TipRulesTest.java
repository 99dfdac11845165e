package org.sirgiving.donations.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sirgiving.kernel.errors.ApiError;
import org.sirgiving.kernel.errors.ApiException;
import org.sirgiving.kernel.errors.ErrorCode;

class TipRulesTest {
    private static final TipConfig ENABLED = new TipConfig(true, 10);
    private static final TipConfig DISABLED = new TipConfig(false, 0);

    @Test
    void neitherTipFieldMeansNoTipEvenWithADefaultPercent() {
        assertEquals(0, TipRules.tipMinor(2500, null, null, ENABLED));
    }

    @Test
    void aPercentIsOfTheAmountRoundedHalfUpToAMinorUnit() {
        assertEquals(250, TipRules.tipMinor(2500, null, 10, ENABLED));
        assertEquals(13, TipRules.tipMinor(125, null, 10, ENABLED)); // 12.5 -> 13
        assertEquals(2500, TipRules.tipMinor(2500, null, 100, ENABLED));
    }

    @Test
    void bothTipFieldsAreRefusedNamingTipPercent() {
        ApiException e = assertThrows(ApiException.class, () -> TipRules.tipMinor(2500, 100L, 5, ENABLED));
        assertEquals(ErrorCode.VALIDATION_FAILED, e.code());
        assertEquals(
                List.of("tipPercent"),
                e.details().stream().map(ApiError.FieldError::field).toList());
    }

    @Test
    void aDisabledTipConfigRefusesANonZeroTipNamingTheFieldSent() {
        ApiException amount = assertThrows(ApiException.class, () -> TipRules.tipMinor(2500, 100L, null, DISABLED));
        assertEquals("tipAmount", amount.details().get(0).field());
        ApiException percent = assertThrows(ApiException.class, () -> TipRules.tipMinor(2500, null, 5, DISABLED));
        assertEquals("tipPercent", percent.details().get(0).field());
        assertEquals(0, TipRules.tipMinor(2500, 0L, null, DISABLED));
        assertEquals(0, TipRules.tipMinor(2500, null, 0, DISABLED));
    }
}
