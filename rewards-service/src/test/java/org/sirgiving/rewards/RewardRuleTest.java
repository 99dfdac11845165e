package org.sirgiving.rewards;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.sirgiving.rewards.service.RewardRule;

class RewardRuleTest {

    @Test
    void amountsRoundHalfUpToWholeTokens() {
        assertEquals(50, RewardRule.defaultTokens(new BigDecimal("49.99")));
        assertEquals(50, RewardRule.defaultTokens(new BigDecimal("49.50")));
        assertEquals(49, RewardRule.defaultTokens(new BigDecimal("49.49")));
        assertEquals(0, RewardRule.defaultTokens(new BigDecimal("0.49")));
        assertEquals(0, RewardRule.defaultTokens(BigDecimal.ZERO));
    }

    @Test
    void equalSplitGivesTheLeftoverToTheEarliestStakeholders() {
        assertArrayEquals(new long[] {17, 17, 16}, RewardRule.splitEqually(50, 3));
        assertArrayEquals(new long[] {1, 0, 0}, RewardRule.splitEqually(1, 3));
        assertArrayEquals(new long[] {25, 25}, RewardRule.splitEqually(50, 2));
    }

    @Test
    void weightedSplitUsesTheLargestRemainders() {
        // 100 tokens at 33.3/33.3/33.4 % → exact 33.3, 33.3, 33.4 → floors 33,33,33 → the last has the largest
        // remainder.
        assertArrayEquals(
                new long[] {33, 33, 34},
                RewardRule.split(100, List.of(new BigDecimal("33.3"), new BigDecimal("33.3"), new BigDecimal("33.4"))));
        assertArrayEquals(new long[] {7, 3}, RewardRule.split(10, List.of(new BigDecimal("70"), new BigDecimal("30"))));
    }

    @Test
    void partsAlwaysAddUpToTheTotal() {
        Random random = new Random(42);
        for (int run = 0; run < 2_000; run++) {
            long total = random.nextInt(1_000_000);
            int n = 1 + random.nextInt(10);
            List<BigDecimal> weights =
                    random.ints(n, 1, 10_000).mapToObj(BigDecimal::valueOf).toList();
            long[] parts = RewardRule.split(total, weights);
            assertEquals(total, LongStream.of(parts).sum(), "total " + total + " weights " + weights);
            for (long p : parts) {
                assertEquals(true, p >= 0);
            }
        }
    }
}
