package org.sirgiving.testinfra;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** The spans a traced test ({@link TracedProfile}) recorded, and the W3C trace ids it checks them against. */
public final class TestSpans {
    private static final InMemorySpanExporter EXPORTER = InMemorySpanExporter.create();

    /** The one exporter of the test JVM; a test class produces it as a CDI bean ({@code @Produces @Singleton}). */
    public static InMemorySpanExporter exporter() {
        return EXPORTER;
    }

    /** A W3C traceparent of a sampled remote parent, as an upstream service would send it. */
    public record Parent(String traceId, String spanId) {
        public static Parent random() {
            return new Parent(hex(32), hex(16));
        }

        public String traceparent() {
            return "00-" + traceId + "-" + spanId + "-01";
        }
    }

    /** Waits for the span of that name and kind in that trace. */
    public static SpanData await(String traceId, String name, SpanKind kind) {
        return awaitSpan(traceId, s -> s.getName().equals(name) && s.getKind() == kind, name + " (" + kind + ")");
    }

    public static SpanData awaitSpan(String traceId, Predicate<SpanData> match, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<SpanData> found = find(traceId, match);
            if (found.isPresent()) {
                return found.get();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("no span " + what + " in trace " + traceId + "; it has " + inTrace(traceId));
    }

    public static List<SpanData> inTrace(String traceId) {
        return EXPORTER.getFinishedSpanItems().stream()
                .filter(s -> s.getTraceId().equals(traceId))
                .toList();
    }

    private static Optional<SpanData> find(String traceId, Predicate<SpanData> match) {
        return inTrace(traceId).stream().filter(match).findFirst();
    }

    /** The {@code traceparent} header of a record: {@code 00-<trace id>-<span id>-<flags>}. */
    public static String traceparent(ConsumerRecord<String, String> record) {
        Header h = record.headers().lastHeader("traceparent");
        if (h == null) {
            throw new AssertionError("record without traceparent: " + record);
        }
        return new String(h.value(), StandardCharsets.UTF_8);
    }

    public static String traceIdOf(String traceparent) {
        return traceparent.split("-")[1];
    }

    public static String spanIdOf(String traceparent) {
        return traceparent.split("-")[2];
    }

    private static String hex(int digits) {
        StringBuilder s = new StringBuilder(digits);
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int i = 0; i < digits; i++) {
            s.append(Character.forDigit(r.nextInt(16), 16));
        }
        return s.toString();
    }

    private TestSpans() {}
}
