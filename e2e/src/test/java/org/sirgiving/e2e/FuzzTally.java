package org.sirgiving.e2e;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The fuzz suite's counts and violations, thread-safe, and their report: counts by operation, status and kind of
 * mutation, and the violations grouped by kind (a count per operation and a few examples each), short enough to
 * paste into an issue note.
 */
final class FuzzTally {
    private static final int EXAMPLES = 4;
    private static final int TOP = 8;

    /** One broken promise, e.g. kind "5xx: 500 INTERNAL_ERROR", with the operation and a one-line example. */
    record Violation(String kind, String op, String mutation, String example) {}

    private final Map<String, Map<String, LongAdder>> byOperation = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byFamily = new ConcurrentHashMap<>();
    private final List<Violation> violations = new ArrayList<>();
    private final LongAdder requests = new LongAdder();
    private volatile long slowestMillis;
    private volatile String slowest = "";

    void count(String op, String family, int status, long millis, String example) {
        requests.increment();
        String s = status == 0 ? "no answer" : String.valueOf(status);
        String cls = status == 0 ? "none" : (status / 100) + "xx";
        byOperation
                .computeIfAbsent(op, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(cls, k -> new LongAdder())
                .increment();
        byStatus.computeIfAbsent(s, k -> new LongAdder()).increment();
        byFamily.computeIfAbsent(family, k -> new LongAdder()).increment();
        synchronized (this) {
            if (millis > slowestMillis) {
                slowestMillis = millis;
                slowest = example;
            }
        }
    }

    synchronized void violation(String kind, String op, String mutation, String example) {
        violations.add(new Violation(kind, op, mutation, example));
    }

    void violation(String kind, String op, String example) {
        violation(kind, op, "-", example);
    }

    synchronized List<Violation> violations() {
        return List.copyOf(violations);
    }

    long requests() {
        return requests.sum();
    }

    String countsReport() {
        StringBuilder out = new StringBuilder();
        out.append("Requests by operation (total: 2xx / 3xx / 4xx / 5xx / no answer):\n");
        new TreeMap<>(byOperation).forEach((op, m) -> {
            long total = m.values().stream().mapToLong(LongAdder::sum).sum();
            out.append(String.format(
                    "  %-36s %5d: %5d / %d / %5d / %4d / %d%n",
                    op, total, get(m, "2xx"), get(m, "3xx"), get(m, "4xx"), get(m, "5xx"), get(m, "none")));
        });
        out.append("Requests by status: ")
                .append(new TreeMap<>(byStatus)
                        .entrySet().stream()
                                .map(e -> e.getKey() + " ×" + e.getValue().sum())
                                .collect(Collectors.joining(", ")))
                .append('\n');
        out.append("Requests by mutation family: ")
                .append(new TreeMap<>(byFamily)
                        .entrySet().stream()
                                .map(e -> e.getKey() + " ×" + e.getValue().sum())
                                .collect(Collectors.joining(", ")))
                .append('\n');
        out.append("Slowest answer: ")
                .append(slowestMillis)
                .append(" ms — ")
                .append(slowest)
                .append('\n');
        return out.toString();
    }

    /** The violations grouped by kind, largest group first: count, operations, a few examples. */
    synchronized String violationsReport() {
        if (violations.isEmpty()) {
            return "Violations: none\n";
        }
        Map<String, List<Violation>> byKind =
                violations.stream().collect(Collectors.groupingBy(Violation::kind, TreeMap::new, Collectors.toList()));
        StringBuilder out = new StringBuilder();
        out.append("Violations: ")
                .append(violations.size())
                .append(" in ")
                .append(byKind.size())
                .append(" kinds\n");
        byKind.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, List<Violation>> e) ->
                                e.getValue().size())
                        .reversed())
                .forEach(e -> {
                    out.append(String.format("- ×%d %s%n", e.getValue().size(), e.getKey()));
                    out.append("    operations: ")
                            .append(top(e.getValue(), Violation::op))
                            .append('\n');
                    out.append("    mutations: ")
                            .append(top(e.getValue(), Violation::mutation))
                            .append('\n');
                    // One example per mutation, for the first few: the spread shows more than repeats do.
                    e.getValue().stream()
                            .collect(Collectors.toMap(
                                    Violation::mutation, Violation::example, (a, b) -> a, LinkedHashMap::new))
                            .values()
                            .stream()
                            .limit(EXAMPLES)
                            .forEach(x -> out.append("    e.g. ").append(x).append('\n'));
                });
        return out.toString();
    }

    /** The most frequent values, with counts, and how many others there were. */
    private static String top(List<Violation> group, Function<Violation, String> key) {
        Map<String, Long> counts =
                group.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
        String shown = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(TOP)
                .map(o -> o.getKey() + " ×" + o.getValue())
                .collect(Collectors.joining(", "));
        return counts.size() > TOP ? shown + " and " + (counts.size() - TOP) + " more" : shown;
    }

    private static long get(Map<String, LongAdder> m, String key) {
        LongAdder a = m.get(key);
        return a == null ? 0 : a.sum();
    }
}
