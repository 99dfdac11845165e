package org.sirgiving.rewards.support;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.sirgiving.rewards.service.PoolRules;

/**
 * An in-memory pool driven by the same {@link PoolRules} as {@code PoolLedger}: what the database must agree with,
 * operation by operation, and what the property test explores over random sequences.
 */
public final class PoolModel {
    public sealed interface Op permits Allocate, Reward, Reverse, Restrict {}

    public record Allocate(long amount) implements Op {}

    public record Reward(long tokens) implements Op {}

    /** Reverses the {@code pick}-th reward so far (modulo their number); a second reversal of one changes nothing. */
    public record Reverse(int pick) implements Op {}

    /** {@code low} 0 = no alert; auto-refill off when {@code refillAmount} is 0. */
    public record Restrict(long low, long refillThreshold, long refillAmount) implements Op {}

    public long balance;
    public long allocated;
    public long distributed;
    public Long lowThreshold;
    public boolean refillEnabled;
    public Long refillThreshold;
    public Long refillAmount;
    public int lowAlerts;
    public int depletedAlerts;
    public final List<Long> entries = new ArrayList<>();
    /** reward key → tokens, in order; keys of refused rewards are absent. */
    public final Map<String, Long> rewards = new LinkedHashMap<>();

    public final Set<String> reversed = new HashSet<>();
    private int next;

    public PoolModel(long initial) {
        if (initial > 0) {
            credit(initial, true);
        }
    }

    /** Applies one operation; returns the key of a reward it created or reversed (null otherwise). */
    public String apply(Op op) {
        if (op instanceof Allocate a) {
            credit(a.amount(), true);
        } else if (op instanceof Reward r) {
            String key = "r" + next++;
            if (!PoolRules.canDebit(balance, r.tokens())) {
                return null;
            }
            long before = balance;
            balance -= r.tokens();
            distributed += r.tokens();
            entries.add(-r.tokens());
            long refill = PoolRules.refill(balance, refillEnabled, refillThreshold, refillAmount);
            if (refill > 0) {
                credit(refill, true);
            }
            if (PoolRules.crossedLowBalance(before, balance, lowThreshold)) {
                lowAlerts++;
            }
            if (PoolRules.depleted(before, balance)) {
                depletedAlerts++;
            }
            rewards.put(key, r.tokens());
            return key;
        } else if (op instanceof Reverse v) {
            if (rewards.isEmpty()) {
                return null;
            }
            String key = new ArrayList<>(rewards.keySet()).get(v.pick() % rewards.size());
            if (reversed.add(key)) {
                long tokens = rewards.get(key);
                if (tokens > 0) {
                    balance += tokens;
                    distributed -= tokens;
                    entries.add(tokens);
                }
            }
            return key;
        } else if (op instanceof Restrict s) {
            lowThreshold = s.low() == 0 ? null : s.low();
            refillEnabled = s.refillAmount() > 0;
            if (refillEnabled) {
                refillThreshold = s.refillThreshold();
                refillAmount = s.refillAmount();
            }
            long refill = PoolRules.refill(balance, refillEnabled, refillThreshold, refillAmount);
            if (refill > 0) {
                credit(refill, true);
            }
        }
        return null;
    }

    private void credit(long amount, boolean allocation) {
        balance += amount;
        if (allocation) {
            allocated += amount;
        }
        entries.add(amount);
    }

    /** Random operations: mostly rewards (some larger than the pool), some allocations, reversals and restrictions. */
    public static Arbitrary<Op> ops() {
        Arbitrary<Op> allocate = Arbitraries.longs().between(1, 400).map(Allocate::new);
        Arbitrary<Op> reward = Arbitraries.longs().between(0, 250).map(Reward::new);
        Arbitrary<Op> reverse = Arbitraries.integers().between(0, 1000).map(Reverse::new);
        Arbitrary<Op> restrict = Combinators.combine(
                        Arbitraries.longs().between(0, 300),
                        Arbitraries.longs().between(0, 200),
                        Arbitraries.of(0L, 0L, 50L, 150L))
                .as(Restrict::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, allocate),
                net.jqwik.api.Tuple.of(6, reward),
                net.jqwik.api.Tuple.of(3, reverse),
                net.jqwik.api.Tuple.of(1, restrict));
    }

    public static Arbitrary<List<Op>> sequences(int maxLength) {
        return ops().list().ofMinSize(1).ofMaxSize(maxLength);
    }
}
