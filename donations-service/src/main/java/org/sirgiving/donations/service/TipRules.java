package org.sirgiving.donations.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.sirgiving.kernel.errors.ApiException;

/**
 * The tip a donor adds on top of the donation, in minor units: {@code tipAmount} as given, or {@code tipPercent} of
 * the amount (rounded half up to a minor unit); never both. A partner whose tips are disabled may send no non-zero
 * tip. Neither given: no tip (the partner's {@code defaultPercent} is what its widget suggests, not a charge).
 */
public final class TipRules {

    public static long tipMinor(long amountMinor, Long tipAmount, Integer tipPercent, TipConfig config) {
        if (tipAmount != null && tipPercent != null) {
            throw ApiException.validation("tipPercent", "tipAmount and tipPercent are mutually exclusive; send one");
        }
        long tip = tipAmount != null
                ? tipAmount
                : tipPercent != null
                        ? BigDecimal.valueOf(amountMinor)
                                .multiply(BigDecimal.valueOf(tipPercent))
                                .divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_UP)
                                .longValueExact()
                        : 0;
        if (tip != 0 && !config.enabled()) {
            throw ApiException.validation(
                    tipAmount != null ? "tipAmount" : "tipPercent",
                    "tips are disabled for this partner (tipConfig.enabled is false); send no tip or 0");
        }
        return tip;
    }

    private TipRules() {}
}
