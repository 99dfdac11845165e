package org.sirgiving.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one measured phase saw: every answer's latency (any status, in nanoseconds), a histogram of
 * "HTTP status + body status or error code", the COMPLETED answers, and the highest X-RateLimit-Limit seen.
 * Thread-safe.
 */
final class Recorder {
    /** One submit's outcome. {@code status} 0 = no HTTP answer (then {@code label} is the exception's name). */
    record Outcome(int status, String label, String actionId, int rateLimit) {
        boolean completed() {
            return status == 200 && "COMPLETED".equals(label);
        }

        String key() {
            return status == 0 ? "no answer (" + label + ")" : status + (label.isEmpty() ? "" : " " + label);
        }

        static Outcome of(Partner.Reply r) {
            String label = r.text("status");
            if (label.isEmpty() || label.matches("\\d+")) {
                label = r.text("code");
            }
            String id = r.text("actionId");
            int limit = r.headers()
                    .firstValue("X-RateLimit-Limit")
                    .map(Recorder::parseInt)
                    .orElse(0);
            return new Outcome(r.status(), label, id.isEmpty() ? null : id, limit);
        }

        static Outcome failure(Throwable t) {
            Throwable c = t;
            while (c.getCause() != null
                    && c != c.getCause()
                    && (c instanceof CompletionException || c instanceof ExecutionException)) {
                c = c.getCause();
            }
            return new Outcome(0, c.getClass().getSimpleName(), null, 0);
        }
    }

    private long[] nanos = new long[4096];
    private int size;
    private final Map<String, LongAdder> histogram = new ConcurrentHashMap<>();
    private final LongAdder completed = new LongAdder();
    private final AtomicInteger maxRateLimit = new AtomicInteger();
    private final LongAdder unsent = new LongAdder();

    void record(Outcome o, long latencyNanos) {
        synchronized (this) {
            if (size == nanos.length) {
                nanos = Arrays.copyOf(nanos, size * 2);
            }
            nanos[size++] = latencyNanos;
        }
        histogram.computeIfAbsent(o.key(), k -> new LongAdder()).increment();
        if (o.completed()) {
            completed.increment();
        }
        maxRateLimit.accumulateAndGet(o.rateLimit(), Math::max);
    }

    /** Open loop only: scheduled requests the client could not send before its hard stop. */
    void unsent(long n) {
        unsent.add(n);
    }

    long unsent() {
        return unsent.sum();
    }

    long completed() {
        return completed.sum();
    }

    int maxRateLimit() {
        return maxRateLimit.get();
    }

    synchronized int count() {
        return size;
    }

    /** Latencies in milliseconds, sorted. */
    synchronized double[] sortedMillis() {
        return toSortedMillis(Arrays.copyOf(nanos, size));
    }

    static double[] toSortedMillis(long[] nanos) {
        double[] ms = new double[nanos.length];
        for (int i = 0; i < nanos.length; i++) {
            ms[i] = nanos[i] / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    /** Nearest-rank percentile of sorted values; NaN when empty. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }

    /** "200 COMPLETED × 980, 429 RATE_LIMIT_EXCEEDED × 20", most frequent first. */
    String histogramText() {
        Map<String, Long> sorted = new TreeMap<>();
        histogram.forEach((k, v) -> sorted.put(k, v.sum()));
        StringBuilder sb = new StringBuilder();
        sorted.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> {
                    if (sb.length() > 0) {
                        sb.append(", ");
                    }
                    sb.append(e.getKey()).append(" × ").append(e.getValue());
                });
        if (unsent() > 0) {
            sb.append(sb.length() > 0 ? ", " : "").append("not sent × ").append(unsent());
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
