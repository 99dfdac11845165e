package org.sirgiving.rewards.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** How many whole tokens an action earns and how they are split across its stakeholders. */
public final class RewardRule {

    /** Default rule (contract section 5): the amount rounded half-up to whole tokens (49.99 → 50). */
    public static long defaultTokens(BigDecimal amount) {
        return amount.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /**
     * Splits {@code total} by {@code weights} with the largest-remainder method: every part is the floor of its exact
     * share, and the tokens left over go one each to the largest remainders (ties: earlier stakeholder first), so the
     * parts always add up to {@code total}.
     */
    public static long[] split(long total, List<BigDecimal> weights) {
        BigDecimal sum = weights.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        if (weights.isEmpty() || sum.signum() <= 0) {
            throw new IllegalArgumentException("weights must be positive");
        }
        long[] parts = new long[weights.size()];
        BigDecimal[] remainders = new BigDecimal[weights.size()];
        long given = 0;
        for (int i = 0; i < parts.length; i++) {
            BigDecimal exact = BigDecimal.valueOf(total).multiply(weights.get(i));
            BigDecimal[] qr = exact.divideAndRemainder(sum);
            parts[i] = qr[0].longValueExact();
            remainders[i] = qr[1];
            given += parts[i];
        }
        List<Integer> order = new ArrayList<>(IntStream.range(0, parts.length).boxed().toList());
        order.sort(Comparator.<Integer, BigDecimal>comparing(i -> remainders[i]).reversed().thenComparing(i -> i));
        for (int k = 0; given < total; k++, given++) {
            parts[order.get(k)]++;
        }
        return parts;
    }

    /** Equal shares. */
    public static long[] splitEqually(long total, int stakeholders) {
        return split(total, java.util.Collections.nCopies(stakeholders, BigDecimal.ONE));
    }

    private RewardRule() {
    }
}
