package org.sirgiving.kernel.messaging;

import io.opentelemetry.api.trace.Span;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.sirgiving.events.EventEnvelope;
import org.sirgiving.events.EventJson;

/**
 * How a consumer takes what one poll returned: partition by partition (a partition's records keep their order; they
 * are one partner's, since the record key is the partner id), all of a partition's records in ONE transaction, so a
 * batch costs one commit instead of one per record. Every record reaches a decision:
 * <ol>
 *   <li>a record that does not parse goes to the dead-letter queue (logged, counted, re-drivable);</li>
 *   <li>a transient failure retries the whole batch with backoff ({@link RecordProcessing#retryWhileTransient});</li>
 *   <li>any other failure rolls the batch back and the records are taken again one per transaction, so that only
 *   the record at fault fails; that record is then {@code decide}d (for example announced as {@code action.failed});
 *   if even deciding fails for a reason of its own, the record goes to the dead-letter queue.</li>
 * </ol>
 * Each record gets a consumer span continuing the trace in its headers ({@link RecordTraces}); the use case runs each
 * record's share of the batch in it ({@link RecordTraces#within}), and a record's decision runs in it too.
 */
@ApplicationScoped
public class PartitionBatches {
    private final DeadLetterQueue dlq;
    private final RecordTraces traces;

    /** A record and its parsed envelope. */
    public record Parsed(ConsumerRecord<String, String> record, EventEnvelope event) {}

    public PartitionBatches(DeadLetterQueue dlq, RecordTraces traces) {
        this.dlq = dlq;
        this.traces = traces;
    }

    /**
     * @param batch  runs the work of a list of records, in order, in one transaction of its own
     * @param decide decides a record whose own work failed permanently with the given failure, in a transaction of
     *               its own; null when a consumer has no decision to make (the record then goes to the DLQ)
     */
    public Uni<Void> process(
            ConsumerRecords<String, String> records,
            Function<List<Parsed>, Uni<?>> batch,
            BiFunction<Parsed, Throwable, Uni<?>> decide) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, String>> part = records.records(partition);
            chain = chain.chain(() -> processPartition(part, batch, decide));
        }
        return chain;
    }

    private Uni<Void> processPartition(
            List<ConsumerRecord<String, String>> records,
            Function<List<Parsed>, Uni<?>> batch,
            BiFunction<Parsed, Throwable, Uni<?>> decide) {
        List<Parsed> parsed = new ArrayList<>(records.size());
        Map<EventEnvelope, Span> spans = RecordTraces.newRegistry();
        Uni<Void> unparseable = Uni.createFrom().voidItem();
        for (ConsumerRecord<String, String> r : records) {
            try {
                Parsed p = new Parsed(r, EventJson.readEnvelope(r.value()));
                parsed.add(p);
                spans.put(p.event(), traces.start(r, p.event()));
            } catch (RuntimeException e) {
                Span span = traces.start(r, null);
                RecordTraces.failed(span, e);
                unparseable = unparseable.chain(() -> deadLetter(r, e)).eventually(() -> span.end());
            }
        }
        if (parsed.isEmpty()) {
            return unparseable;
        }
        return unparseable
                .invoke(() -> traces.register(spans))
                .chain(() -> RecordProcessing.retryWhileTransient(() -> batch.apply(parsed))
                        .replaceWithVoid())
                .onFailure()
                .recoverWithUni(batchFailure -> parsed.size() == 1
                        ? decide(parsed.get(0), batchFailure, decide, spans)
                        : Multi.createFrom()
                                .iterable(parsed)
                                .onItem()
                                .transformToUniAndConcatenate(
                                        p -> RecordProcessing.retryWhileTransient(() -> batch.apply(List.of(p)))
                                                .replaceWithVoid()
                                                .onFailure()
                                                .recoverWithUni(e -> decide(p, e, decide, spans)))
                                .collect()
                                .last()
                                .replaceWithVoid())
                .eventually(() -> {
                    traces.unregister(spans);
                    spans.values().forEach(Span::end);
                });
    }

    private Uni<Void> decide(
            Parsed p, Throwable failure, BiFunction<Parsed, Throwable, Uni<?>> decide, Map<EventEnvelope, Span> spans) {
        RecordTraces.failed(spans.get(p.event()), failure);
        if (decide == null) {
            return deadLetter(p.record(), failure);
        }
        return RecordProcessing.retryWhileTransient(() ->
                        traces.within(p.event(), () -> decide.apply(p, failure).replaceWithVoid()))
                .replaceWithVoid()
                .onFailure()
                .recoverWithUni(e -> {
                    e.addSuppressed(failure);
                    return deadLetter(p.record(), e);
                });
    }

    private Uni<Void> deadLetter(ConsumerRecord<String, String> r, Throwable reason) {
        return RecordProcessing.retryWhileTransient(() -> dlq.send(r, reason));
    }
}
