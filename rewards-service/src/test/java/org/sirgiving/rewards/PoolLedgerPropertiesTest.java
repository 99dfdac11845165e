package org.sirgiving.rewards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.sirgiving.rewards.support.PoolModel;

/**
 * jqwik, on its own JUnit Platform engine: over random sequences of allocations, rewards, reversals and restriction
 * changes, the pool's rules ({@code PoolRules}, as {@code PoolLedger} applies them) keep the balance at or above zero,
 * equal to the sum of the ledger, and equal to what an independent tally says. The database follows the same model
 * operation by operation in {@code PoolLedgerSequencesTest}.
 */
class PoolLedgerPropertiesTest {

    @Provide
    Arbitrary<List<PoolModel.Op>> sequences() {
        return PoolModel.sequences(60);
    }

    @Property(tries = 1000)
    void theBalanceNeverGoesNegativeAndAlwaysEqualsItsLedger(
            @ForAll("sequences") List<PoolModel.Op> ops,
            @ForAll @net.jqwik.api.constraints.LongRange(min = 0, max = 500) long initial) {
        PoolModel pool = new PoolModel(initial);
        long allocatedTally = initial;
        for (PoolModel.Op op : ops) {
            long before = pool.balance;
            int lowBefore = pool.lowAlerts;
            pool.apply(op);
            assertTrue(pool.balance >= 0, () -> "negative balance after " + op + " in " + ops);
            assertEquals(
                    pool.balance,
                    pool.entries.stream().mapToLong(Long::longValue).sum(),
                    "balance = sum(ledger)");
            assertEquals(pool.balance, pool.allocated - pool.distributed, "balance = allocated − distributed");
            if (op instanceof PoolModel.Allocate a) {
                allocatedTally += a.amount();
            }
            // A low-balance alert only ever comes from a reward that crossed the threshold downwards.
            if (pool.lowAlerts > lowBefore) {
                assertTrue(op instanceof PoolModel.Reward
                        && before >= pool.lowThreshold
                        && pool.balance < pool.lowThreshold);
            }
        }
        // Independent tally: what was put in, minus every reward not reversed.
        long refills = pool.allocated - allocatedTally;
        long kept = pool.rewards.entrySet().stream()
                .filter(e -> !pool.reversed.contains(e.getKey()))
                .mapToLong(e -> e.getValue())
                .sum();
        assertEquals(allocatedTally + refills - kept, pool.balance);
        assertTrue(pool.reversed.stream().allMatch(pool.rewards::containsKey), "only rewards are reversed");
    }
}
