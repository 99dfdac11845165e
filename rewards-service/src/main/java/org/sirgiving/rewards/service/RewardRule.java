package org.sirgiving.rewards.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.sirgiving.rewards.domain.Campaign;

/** How many whole tokens an action earns and how they are split across its stakeholders. */
public final class RewardRule {

    /** Default rule (docs/partner-api.md section 5): the amount rounded half-up to whole tokens (49.99 → 50). */
    public static long defaultTokens(BigDecimal amount) {
        return amount.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /**
     * Splits {@code total} by {@code weights} with the largest-remainder method: every part is the floor of its exact
     * share, and the tokens left over go one each to the largest remainders (ties: earlier stakeholder first), so the
     * parts always add up to {@code total}. A zero weight gets nothing (its remainder is zero, and the leftover is
     * always smaller than the number of positive remainders).
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
        List<Integer> order =
                new ArrayList<>(IntStream.range(0, parts.length).boxed().toList());
        order.sort(Comparator.<Integer, BigDecimal>comparing(i -> remainders[i])
                .reversed()
                .thenComparing(i -> i));
        for (int k = 0; given < total; k++, given++) {
            parts[order.get(k)]++;
        }
        return parts;
    }

    /**
     * A campaign's tokens: the amount times the multiplier of the highest tier whose {@code minAmount} is at most the
     * amount (else the campaign's own multiplier), rounded half-up to whole tokens.
     */
    public static long campaignTokens(BigDecimal amount, BigDecimal multiplier, List<Campaign.Tier> tiers) {
        BigDecimal m = multiplier;
        BigDecimal best = null;
        for (Campaign.Tier t : tiers) {
            if (t.minAmount().compareTo(amount) <= 0
                    && (best == null || t.minAmount().compareTo(best) > 0)) {
                best = t.minAmount();
                m = t.multiplier();
            }
        }
        return amount.multiply(m).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /**
     * A campaign's split: each split's percent goes to the stakeholders of its {@code stakeholderTypeCode}, shared
     * equally among them. Percents of types absent from the action are shared among the types present, in proportion
     * (the whole reward is always given); stakeholders of a type without a split get nothing. When no stakeholder's
     * type has a split (or the campaign has none), everyone shares equally, as under the default rule.
     */
    public static long[] splitByType(long total, List<String> stakeholderTypes, List<Campaign.Split> splits) {
        Map<String, BigDecimal> percent = new HashMap<>();
        splits.forEach(s -> percent.put(s.stakeholderTypeCode(), s.percent()));
        Map<String, Long> count = new HashMap<>();
        stakeholderTypes.stream().filter(percent::containsKey).forEach(t -> count.merge(t, 1L, Long::sum));
        if (count.isEmpty()) {
            return splitEqually(total, stakeholderTypes.size());
        }
        // percent / count, kept exact by scaling every weight by the product of the counts (at most 10 stakeholders).
        long scale = count.values().stream().reduce(1L, (a, b) -> a * b);
        List<BigDecimal> weights = stakeholderTypes.stream()
                .map(t -> count.containsKey(t)
                        ? percent.get(t).multiply(BigDecimal.valueOf(scale / count.get(t)))
                        : BigDecimal.ZERO)
                .toList();
        return split(total, weights);
    }

    /** Equal shares. */
    public static long[] splitEqually(long total, int stakeholders) {
        return split(total, Collections.nCopies(stakeholders, BigDecimal.ONE));
    }

    private RewardRule() {}
}
